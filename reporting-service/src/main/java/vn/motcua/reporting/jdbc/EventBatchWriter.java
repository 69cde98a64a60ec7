package vn.motcua.reporting.jdbc;

import java.sql.SQLException;
import vn.motcua.events.EventEnvelope;

/**
 * A projection's writes for one transaction: {@link #add} queues an event's rows as JDBC batches, {@link #flush}
 * sends them. Every write is an upsert that touches only the columns its event owns, so the order of events
 * between topics (a resolution before its receipt) does not change the final rows.
 */
public interface EventBatchWriter extends AutoCloseable {
    /** Queues the event if this projection cares about it; returns whether it did. */
    boolean add(EventEnvelope event) throws SQLException;

    void flush() throws SQLException;

    @Override
    void close() throws SQLException;
}
