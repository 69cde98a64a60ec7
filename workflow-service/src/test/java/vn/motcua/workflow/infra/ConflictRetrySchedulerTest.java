package vn.motcua.workflow.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

/** Which failures of a command are retried on fresh state: a lost race on the event store, nothing else. */
class ConflictRetrySchedulerTest {
    private final ConflictRetryScheduler scheduler = new ConflictRetryScheduler(IntervalRetryScheduler.builder()
            .retryExecutor(Executors.newSingleThreadScheduledExecutor()).retryInterval(25).maxRetryCount(5));

    @Test
    void aConflictOnTheEventStoreIsRetriedEvenWithTheDatabaseErrorAsItsCause() {
        ConcurrencyException conflict = new ConcurrencyException("sequence 1 of the dossier already exists",
                new SQLException("duplicate key value violates unique constraint", "23505"));

        assertThat(scheduler.isExplicitlyNonTransient(conflict)).isFalse();
        assertThat(scheduler.isExplicitlyNonTransient(new RuntimeException(conflict))).isFalse();
    }

    @Test
    void aRefusalOrAnyOtherFailureIsNotRetried() {
        assertThat(scheduler.isExplicitlyNonTransient(new IllegalStateException("WITHDRAWN"))).isTrue();
        assertThat(scheduler.isExplicitlyNonTransient(new RuntimeException(new SQLException("x", "23505"))))
                .isTrue();
    }
}
