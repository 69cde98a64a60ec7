package vn.motcua.workflow.infra;

import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Retries a command that lost a race on the event store's unique key (a {@link ConcurrencyException} anywhere in
 * the cause chain: the store's conflict wraps the database's duplicate-key error) and nothing else: a refused
 * command stays refused.
 *
 * <p>Why not {@code nonTransientFailurePredicate}: Axon applies that predicate to every cause in turn and retries
 * only when none says "non-transient", so "anything but a ConcurrencyException is non-transient" also condemned the
 * ConcurrencyException's own cause, and a conflict was never retried (an officer's command racing a deadline
 * announcement answered 409).
 */
final class ConflictRetryScheduler extends IntervalRetryScheduler {

    ConflictRetryScheduler(Builder builder) {
        super(builder);
    }

    @Override
    protected boolean isExplicitlyNonTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConcurrencyException) {
                return false;
            }
        }
        return true;
    }
}
