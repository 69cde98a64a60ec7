package vn.motcua.intake.catalogue;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.OnlineMode;
import vn.motcua.calendar.WorkingHours;
import vn.motcua.intake.infra.Refusal;

/** Registers offices and publishes procedures, under {@link CatalogueRules}. */
@Service
public class CatalogueService {
    private final CommandGateway commands;
    private final CatalogueQueries queries;
    private final TransactionTemplate transaction;
    private final Clock clock;

    CatalogueService(CommandGateway commands, CatalogueQueries queries, TransactionTemplate transaction,
                     Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Returns true when the office is new. */
    public boolean registerOffice(String officeId, String name, OfficeLevel level, String parentId) {
        CatalogueRules.officeId(officeId).ifPresent(CatalogueService::refuse);
        String parent = parentId == null || parentId.isBlank() ? null : parentId;
        Instant now = clock.instant();
        // One transaction: the parent check, the event and the lookup row stand or fall together.
        return retryingOnConflict(() -> Boolean.TRUE.equals(transaction.execute(status -> {
            if (parent != null) {
                CatalogueRules.parent(officeId, parent, queries::office).ifPresent(CatalogueService::refuse);
            }
            return commands.<Boolean>sendAndWait(new RegisterOffice(officeId, name, level, parent, now));
        })));
    }

    /** Returns true when the procedure is new. */
    public boolean publishProcedure(String code, String name, String field, java.math.BigDecimal processingDays,
                                    OnlineMode onlineMode, boolean postal, ProcedureFacts facts) {
        Instant now = clock.instant();
        CatalogueRules.procedure(code, processingDays, facts, now.atZone(WorkingHours.VIETNAM).toLocalDate())
                .ifPresent(CatalogueService::refuse);
        return retryingOnConflict(() -> Boolean.TRUE.equals(transaction.execute(status -> commands.<Boolean>sendAndWait(
                new PublishProcedure(code, name, field, ProcessingDays.normalize(processingDays), onlineMode, postal,
                        facts, now)))));
    }

    /**
     * Two PUTs of the same office or procedure at once both try to append the aggregate's next event; the event
     * store's unique (aggregate, sequence) index lets one win. The other is replayed on the new state, so it answers
     * as an update (or as unchanged) instead of failing.
     */
    private static boolean retryingOnConflict(BooleanSupplier attempt) {
        for (int tries = 1; ; tries++) {
            try {
                return attempt.getAsBoolean();
            } catch (RuntimeException e) {
                if (tries >= 5 || !isConflict(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean isConflict(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConcurrencyException || t instanceof DuplicateKeyException) {
                return true;
            }
            // Axon reports the first event of a racing new aggregate as a bare EventStoreException whose cause
            // is the event store's unique (aggregate, sequence) violation.
            if (t instanceof java.sql.SQLException sql && "23505".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static void refuse(Refusal refusal) {
        throw refusal.toException();
    }
}
