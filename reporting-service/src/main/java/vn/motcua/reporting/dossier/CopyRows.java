package vn.motcua.reporting.dossier;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed into one table with {@code COPY ... FROM STDIN} (text format), in chunks of about a megabyte:
 * the bulk path of a rebuild, where the tables start empty and nothing needs an upsert. Values are escaped as
 * the text format requires; null is {@code \N}.
 */
public final class CopyRows implements AutoCloseable {
    private static final int CHUNK = 1 << 20;

    private final CopyIn copy;
    private final StringBuilder buffer = new StringBuilder(CHUNK + 4096);
    private boolean first = true;
    private long rows;

    public CopyRows(Connection connection, String table, String columns) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + table + " (" + columns + ") from stdin");
    }

    public CopyRows text(String value) {
        separator();
        if (value == null) {
            buffer.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> buffer.append("\\\\");
                case '\t' -> buffer.append("\\t");
                case '\n' -> buffer.append("\\n");
                case '\r' -> buffer.append("\\r");
                default -> buffer.append(c);
            }
        }
        return this;
    }

    /** Numbers, booleans, UUIDs, dates: their toString needs no escaping. */
    public CopyRows plain(Object value) {
        separator();
        buffer.append(value == null ? "\\N" : value.toString());
        return this;
    }

    /** ISO-8601 with Z: PostgreSQL reads it as timestamptz whatever the session time zone. */
    public CopyRows time(Instant value) {
        return plain(value);
    }

    public void endRow() throws SQLException {
        buffer.append('\n');
        first = true;
        rows++;
        if (buffer.length() >= CHUNK) {
            send();
        }
    }

    private void separator() {
        if (!first) {
            buffer.append('\t');
        }
        first = false;
    }

    private void send() throws SQLException {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        buffer.setLength(0);
    }

    public long rows() {
        return rows;
    }

    /** Sends what is left and ends the COPY. */
    @Override
    public void close() throws SQLException {
        try {
            if (buffer.length() > 0) {
                send();
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
