package vn.motcua.reporting.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Rows collected column by column and written in ONE statement: {@code insert into t (columns) select * from
 * unnest(?::type[], ...) <onConflict>}, one array per column. Timestamps, UUIDs and dates travel as ISO text and
 * are cast by the statement (PostgreSQL reads {@code ...Z} as timestamptz whatever the session time zone).
 */
public final class UpsertRows implements RowSink {
    private final String table;
    private final String[] columns;
    private final String onConflict;
    private final String[] types;
    private final List<List<Object>> values = new ArrayList<>();
    private int column;
    private int rows;

    /** Rows keyed by {@code key} that are written once: a row already there (a redelivery) stays as it is. */
    public static UpsertRows insertNew(String table, String columns, String key) {
        return new UpsertRows(table, columns, "on conflict (" + key + ") do nothing");
    }

    /**
     * Rows keyed by {@code key}: a row already there gets each other column set to {@code merge} of that column's
     * name, e.g. {@code c -> "excluded." + c} (replace) or {@code c -> t + "." + c + " + excluded." + c} (add).
     */
    public static UpsertRows upsert(String table, String columns, String key, UnaryOperator<String> merge) {
        List<String> keyColumns = List.of(key.split(",\\s*"));
        StringJoiner sets = new StringJoiner(", ");
        for (String column : columns.split(",\\s*")) {
            if (!keyColumns.contains(column)) {
                sets.add(column + " = " + merge.apply(column));
            }
        }
        return new UpsertRows(table, columns, "on conflict (" + key + ") do update set " + sets);
    }

    /** @param onConflict the statement's conflict clause, e.g. {@code on conflict (event_id) do nothing} */
    private UpsertRows(String table, String columns, String onConflict) {
        this.table = table;
        this.columns = columns.split(",\\s*");
        this.onConflict = onConflict;
        this.types = new String[this.columns.length];
        for (int i = 0; i < this.columns.length; i++) {
            values.add(new ArrayList<>());
        }
    }

    private UpsertRows put(String type, Object value) {
        types[column] = type;
        values.get(column).add(value);
        column++;
        return this;
    }

    @Override
    public UpsertRows text(String value) {
        return put("text", value);
    }

    @Override
    public UpsertRows bool(Boolean value) {
        return put("boolean", value);
    }

    @Override
    public UpsertRows uuid(UUID value) {
        return put("uuid", value == null ? null : value.toString());
    }

    @Override
    public UpsertRows time(Instant value) {
        return put("timestamptz", value == null ? null : value.toString());
    }

    @Override
    public UpsertRows int4(int value) {
        return put("integer", value);
    }

    @Override
    public UpsertRows int8(long value) {
        return put("bigint", value);
    }

    @Override
    public UpsertRows date(LocalDate value) {
        return put("date", value == null ? null : value.toString());
    }

    @Override
    public void endRow() {
        if (column != columns.length) {
            throw new IllegalStateException(table + ": a row of " + column + " values for " + columns.length
                    + " columns");
        }
        column = 0;
        rows++;
    }

    /** Sends the rows (nothing if there are none); returns the rows the statement inserted or updated. */
    public int execute(Connection connection) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        StringJoiner arrays = new StringJoiner(", ");
        for (String type : types) {
            arrays.add("?::" + type + "[]");
        }
        try (PreparedStatement ps = connection.prepareStatement("insert into " + table + " ("
                + String.join(", ", columns) + ") select * from unnest(" + arrays + ") " + onConflict)) {
            for (int c = 0; c < columns.length; c++) {
                String arrayType = switch (types[c]) {
                    case "boolean", "integer", "bigint" -> types[c];
                    default -> "text"; // cast by the statement
                };
                ps.setArray(c + 1, connection.createArrayOf(arrayType, values.get(c).toArray()));
            }
            return ps.executeUpdate();
        }
    }
}
