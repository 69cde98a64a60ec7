package vn.motcua.reporting.jdbc;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows streamed into one table with {@code COPY ... FROM STDIN (FORMAT binary)}, in chunks of about a megabyte:
 * the bulk path of a rebuild, where the tables start empty and nothing needs an upsert. Binary, because a
 * rebuild writes millions of UUIDs and timestamps: formatting them as text here and parsing them again in
 * PostgreSQL was a good part of both processes' CPU. Each value must be written with the method of its column's
 * exact type (binary COPY does not convert): text/char, boolean, uuid, timestamptz, integer, bigint, date; null
 * is written by passing null.
 */
public final class CopyRows implements RowSink, AutoCloseable {
    private static final int CHUNK = 1 << 20;
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0,
            0, 0, 0, 0, // flags
            0, 0, 0, 0}; // header extension length
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in seconds and days since 1970-01-01. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final long PG_EPOCH_DAYS = 10_957L;

    private final CopyIn copy;
    private byte[] buffer = new byte[CHUNK + 4096];
    private int length;
    /** Where the current row's field count goes, and the count so far. */
    private int rowStart = -1;
    private short fields;
    private long rows;

    public CopyRows(Connection connection, String table, String columns) throws SQLException {
        this.copy = connection.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + table + " (" + columns + ") from stdin (format binary)");
        put(HEADER, 0, HEADER.length);
    }

    /** A text, varchar or char column. */
    @Override
    public CopyRows text(String value) {
        if (value == null) {
            return nul();
        }
        field();
        int n = value.length();
        ensure(4 + n);
        int at = length + 4;
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c >= 0x80) { // not ASCII: let the JDK encode it
                byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
                putInt(bytes.length);
                put(bytes, 0, bytes.length);
                return this;
            }
            buffer[at + i] = (byte) c;
        }
        putInt(n);
        length += n;
        return this;
    }

    @Override
    public CopyRows bool(Boolean value) {
        if (value == null) {
            return nul();
        }
        field();
        ensure(5);
        putInt(1);
        buffer[length++] = (byte) (value ? 1 : 0);
        return this;
    }

    @Override
    public CopyRows uuid(UUID value) {
        return value == null ? nul() : uuid(value.getMostSignificantBits(), value.getLeastSignificantBits());
    }

    public CopyRows uuid(long mostSignificant, long leastSignificant) {
        field();
        ensure(20);
        putInt(16);
        putLong(mostSignificant);
        putLong(leastSignificant);
        return this;
    }

    /**
     * A timestamptz: microseconds since 2000-01-01 UTC, the nanoseconds rounded half up to microseconds as the
     * JDBC driver does for the live writers' parameters.
     */
    @Override
    public CopyRows time(Instant value) {
        if (value == null) {
            return nul();
        }
        long micros = (value.getEpochSecond() - PG_EPOCH_SECONDS) * 1_000_000L + (value.getNano() + 500) / 1000;
        return int8(micros);
    }

    @Override
    public CopyRows int4(int value) {
        field();
        ensure(8);
        putInt(4);
        putInt(value);
        return this;
    }

    @Override
    public CopyRows int8(long value) {
        field();
        ensure(12);
        putInt(8);
        putLong(value);
        return this;
    }

    /** A date: days since 2000-01-01. */
    @Override
    public CopyRows date(LocalDate value) {
        return value == null ? nul() : int4((int) (value.toEpochDay() - PG_EPOCH_DAYS));
    }

    private CopyRows nul() {
        field();
        ensure(4);
        putInt(-1);
        return this;
    }

    @Override
    public void endRow() throws SQLException {
        if (rowStart < 0) {
            throw new IllegalStateException("empty row");
        }
        buffer[rowStart] = (byte) (fields >>> 8);
        buffer[rowStart + 1] = (byte) fields;
        rowStart = -1;
        rows++;
        if (length >= CHUNK) {
            send();
        }
    }

    /** Starts the row (its field count is filled in by {@link #endRow}) on its first field. */
    private void field() {
        if (rowStart < 0) {
            ensure(2);
            rowStart = length;
            length += 2;
            fields = 0;
        }
        fields++;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }

    private void put(byte[] bytes, int offset, int n) {
        ensure(n);
        System.arraycopy(bytes, offset, buffer, length, n);
        length += n;
    }

    private void putInt(int v) {
        buffer[length] = (byte) (v >>> 24);
        buffer[length + 1] = (byte) (v >>> 16);
        buffer[length + 2] = (byte) (v >>> 8);
        buffer[length + 3] = (byte) v;
        length += 4;
    }

    private void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    private void send() throws SQLException {
        copy.writeToCopy(buffer, 0, length);
        length = 0;
    }

    public long rows() {
        return rows;
    }

    /** Sends what is left with the trailer and ends the COPY. */
    @Override
    public void close() throws SQLException {
        try {
            ensure(2);
            buffer[length++] = (byte) 0xff; // the trailer: a field count of -1
            buffer[length++] = (byte) 0xff;
            send();
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }
}
