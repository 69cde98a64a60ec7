package vn.motcua.workflow.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Runs many commands in ONE unit of work and ONE database transaction: each command's unit of work nests in
 * ours, so its events join our queue and are appended (and projected) together when we commit, in one
 * durable commit instead of one each. All or nothing: if any command, the append (a concurrent write to one of
 * the aggregates: the event store's unique key) or the projection fails, nothing is written and this throws;
 * callers then fall back to one command per transaction, so one bad command cannot block the others.
 *
 * <p>Requires the synchronous {@code SimpleCommandBus} (Axon's default without Axon Server): commands are
 * handled on the calling thread, inside our unit of work. The gateway's retry is deliberately bypassed: a retry
 * would run on another thread, outside this transaction.
 */
public class CommandBatch {
    private final CommandBus commandBus;
    private final TransactionManager transactionManager;

    public CommandBatch(CommandBus commandBus, TransactionManager transactionManager) {
        this.commandBus = commandBus;
        this.transactionManager = transactionManager;
    }

    /** Sends commands inside {@link #inTransaction}; each returns its command's result or throws. */
    @FunctionalInterface
    public interface Sender {
        Object send(Object command);
    }

    /**
     * Runs {@code body} in one root unit of work and one transaction: whatever it writes through JDBC or the
     * event storage engine, and the commands it sends (their events appended and projected at the commit), commit
     * together or not at all.
     */
    public <T> T inTransaction(Function<Sender, T> body) {
        if (CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("a command batch must be the root unit of work");
        }
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        try {
            unitOfWork.attachTransaction(transactionManager);
            T result = body.apply(this::send);
            unitOfWork.commit(); // appends every event, runs the projection, commits; rolls back itself on failure
            return result;
        } catch (RuntimeException | Error e) {
            if (unitOfWork.phase() == UnitOfWork.Phase.STARTED) {
                unitOfWork.rollback(e);
            }
            throw e;
        }
    }

    /**
     * Sends {@code commands} in order in one transaction and returns their results, in the same order.
     * {@code alsoInTransaction} runs before the commit, inside the transaction (e.g. JDBC writes that must
     * commit with the events).
     */
    public List<Object> sendAll(List<?> commands, BiConsumer<List<?>, List<Object>> alsoInTransaction) {
        return inTransaction(sender -> {
            List<Object> results = new ArrayList<>(commands.size());
            for (Object command : commands) {
                results.add(sender.send(command));
            }
            alsoInTransaction.accept(commands, results);
            return results;
        });
    }

    public List<Object> sendAll(List<?> commands) {
        return sendAll(commands, (c, r) -> { });
    }

    private Object send(Object command) {
        AtomicReference<CommandResultMessage<?>> outcome = new AtomicReference<>();
        commandBus.dispatch(GenericCommandMessage.asCommandMessage(command), (message, result) -> outcome.set(result));
        CommandResultMessage<?> result = outcome.get();
        if (result == null) {
            throw new IllegalStateException("the command bus is not synchronous: cannot batch " + command);
        }
        if (result.isExceptional()) {
            Throwable cause = result.exceptionResult();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new CommandExecutionException("command failed in batch: " + cause, cause);
        }
        return result.getPayload();
    }
}
