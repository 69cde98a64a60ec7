package vn.motcua.reporting.jdbc;

import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Where rows go, one typed value per column in the table's column order, then {@link #endRow}. Two sinks: a
 * multi-row upsert ({@link UpsertRows}, the live projection) and a binary COPY ({@link CopyRows}, a rebuild's
 * empty tables); a row codec written against this interface writes the same rows to either. Null is written by
 * passing null to the method of the column's type.
 */
public interface RowSink {
    RowSink text(String value);

    RowSink bool(Boolean value);

    RowSink uuid(UUID value);

    RowSink time(Instant value);

    RowSink int4(int value);

    RowSink int8(long value);

    RowSink date(LocalDate value);

    void endRow() throws SQLException;
}
