package vn.motcua.spring.web;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells an outage (the database or the broker cannot be reached) from a bug, by the exception's cause chain: such a
 * request is answered 503 with {@code Retry-After}, not 500. Kafka and Axon are recognised by class name, so this
 * module needs neither on its class path for the check.
 */
public final class Outages {
    /** SQLState classes and codes that mean "the server is not there": connection exceptions, admin shutdown. */
    private static final Set<String> SQL_STATES = Set.of("57P01", "57P02", "57P03");
    private static final Set<String> CLASS_NAMES = Set.of(
            "org.apache.kafka.common.errors.TimeoutException",
            "org.apache.kafka.common.errors.DisconnectException",
            "org.apache.kafka.common.errors.NetworkException");

    private Outages() {
    }

    /** Whether anything in the cause chain says a dependency is unreachable. */
    public static boolean isOutage(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 32; t = t.getCause() == t ? null : t.getCause(), depth++) {
            if (t instanceof DataAccessResourceFailureException // includes CannotGetJdbcConnectionException
                    || t instanceof CannotCreateTransactionException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof ConnectException) {
                return true;
            }
            // A statement failed on a dying connection, then its rollback failed too: Spring throws the rollback's
            // exception and keeps the statement's aside; either may say the database is gone.
            // The statement's exception decides (a defect followed by a failed rollback stays a defect).
            if (t instanceof TransactionSystemException tx && tx.getOriginalException() != null
                    && tx.getOriginalException() != e) {
                return isOutage(tx.getOriginalException());
            }
            if (t instanceof SQLException sql && (isConnectionState(sql.getSQLState()) || closedByPool(sql))) {
                return true;
            }
            // Axon's storage errors (JdbcException, EventStoreException...) are outages exactly when they wrap one.
            if (CLASS_NAMES.contains(t.getClass().getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * HikariCP's "Connection is closed" (no SQLState): the pool closed this connection under the transaction because
     * a statement on it had failed with a connection error; what fails next on it (the commit or rollback of a
     * transaction marked rollback-only, say) is the same outage. Told by where it was thrown, not by its message.
     */
    static boolean closedByPool(SQLException e) {
        StackTraceElement[] trace = e.getStackTrace();
        return e.getSQLState() == null && trace.length > 0
                && trace[0].getClassName().startsWith("com.zaxxer.hikari.pool.ProxyConnection");
    }

    /** SQLState class 08 (connection exception) or an administrator/crash shutdown (57P01..57P03). */
    static boolean isConnectionState(String state) {
        return state != null && (state.startsWith("08") || SQL_STATES.contains(state));
    }
}
