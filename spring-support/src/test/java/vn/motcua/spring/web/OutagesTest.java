package vn.motcua.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.TransactionSystemException;

/** Which failures answer 503 (the caller may retry) rather than 500. */
class OutagesTest {

    @Test
    void aStatementAndItsRollbackBothFailingOnADeadDatabaseIsAnOutage() {
        // What a PostgreSQL crash did to a receipt in FaultInjectionIT: the statement's I/O error, then the
        // rollback on the closed connection, and Spring throws the rollback's exception.
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new DataAccessResourceFailureException("An I/O error occurred",
                new SQLException("An I/O error occurred while sending to the backend", "08006")));

        assertThat(Outages.isOutage(rollback)).isTrue();
    }

    @Test
    void aRollbackFailureAfterABugIsNotAnOutage() {
        TransactionSystemException rollback = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        rollback.initApplicationException(new IllegalStateException("a defect"));

        assertThat(Outages.isOutage(rollback)).isFalse();
    }

    @Test
    void aConnectionThePoolClosedUnderTheTransactionIsAnOutage() {
        // A transaction marked rollback-only whose connection HikariCP had closed after a connection error: Spring's
        // rollback fails with the pool's "Connection is closed", which has no SQLState (FaultInjectionIT, a receipt
        // during the PostgreSQL crash answered 500).
        SQLException closed = new SQLException("Connection is closed");
        closed.setStackTrace(new StackTraceElement[] {new StackTraceElement(
                "com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection", "lambda$getClosedConnection$0",
                "ProxyConnection.java", 559)});
        assertThat(Outages.isOutage(new TransactionSystemException("Could not roll back JDBC transaction", closed)))
                .isTrue();
        // The same words from anything else are not the pool's verdict.
        assertThat(Outages.isOutage(new TransactionSystemException("Could not roll back JDBC transaction",
                new SQLException("Connection is closed")))).isFalse();
    }

    @Test
    void connectionStatesAreOutagesAndOtherSqlStatesAreNot() {
        assertThat(Outages.isOutage(new RuntimeException(new SQLException("gone", "08006")))).isTrue();
        assertThat(Outages.isOutage(new RuntimeException(new SQLException("shutdown", "57P01")))).isTrue();
        assertThat(Outages.isOutage(new RuntimeException(new SQLException("unique", "23505")))).isFalse();
        assertThat(Outages.isOutage(new IllegalArgumentException("bad"))).isFalse();
    }
}
