package vn.motcua.intake.catalogue;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.OnlineMode;
import vn.motcua.intake.infra.InputRejectedException;

/** Registers offices and publishes procedures; checks the rules that need the catalogue itself. */
@Service
public class CatalogueService {
    /** Agency codes: letters, digits and dots, e.g. H49, H49.17, H49.17.05. */
    public static final Pattern OFFICE_ID = Pattern.compile("[A-Za-z0-9]+(\\.[A-Za-z0-9]+)*");
    /** National procedure codes such as 1.001612; letters, digits, dots and dashes. */
    public static final Pattern PROCEDURE_CODE = Pattern.compile("[A-Za-z0-9]+([.\\-][A-Za-z0-9]+)*");

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
        requireId("officeId", officeId, OFFICE_ID, 64);
        String parent = parentId == null || parentId.isBlank() ? null : parentId;
        Instant now = clock.instant();
        // One transaction: the parent check, the event and the lookup row stand or fall together.
        return retryingOnConflict(() -> Boolean.TRUE.equals(transaction.execute(status -> {
            if (parent != null) {
                checkParent(officeId, parent);
            }
            return commands.<Boolean>sendAndWait(new RegisterOffice(officeId, name, level, parent, now));
        })));
    }

    /** Returns true when the procedure is new. */
    public boolean publishProcedure(String code, String name, String field, java.math.BigDecimal processingDays,
                                    OnlineMode onlineMode, boolean postal, ProcedureFacts facts) {
        requireId("code", code, PROCEDURE_CODE, 64);
        if (!ProcessingDays.isValid(processingDays)) {
            throw InputRejectedException.badRequest("processingDays",
                    "must be a positive whole or half number of working days");
        }
        if (facts.fee() < 0) {
            throw InputRejectedException.badRequest("fee", "must be a whole number of VND, 0 or more");
        }
        Instant now = clock.instant();
        java.time.LocalDate today = now.atZone(vn.motcua.calendar.WorkingHours.VIETNAM).toLocalDate();
        // A decision or a publication is a past fact; only the legal basis may take effect later.
        if (facts.madePublicOn() != null && facts.madePublicOn().isAfter(today)) {
            throw InputRejectedException.unprocessable("publishedAt", "must not be in the future");
        }
        if (facts.decidedOn() != null && facts.decidedOn().isAfter(today)) {
            throw InputRejectedException.unprocessable("decidedAt", "must not be in the future");
        }
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

    private void checkParent(String officeId, String parentId) {
        if (parentId.equals(officeId)) {
            throw InputRejectedException.unprocessable("parentId", "an office cannot be its own parent");
        }
        // The parent must exist, and the office must not be among its ancestors: the tree stays a tree.
        Set<String> seen = new HashSet<>();
        String current = parentId;
        while (current != null && seen.add(current)) {
            Optional<CatalogueQueries.OfficeView> office = queries.office(current);
            if (office.isEmpty()) {
                throw InputRejectedException.unprocessable("parentId",
                        current.equals(parentId) ? "unknown office " + parentId : "broken office tree at " + current);
            }
            if (officeId.equals(office.get().parentId())) {
                throw InputRejectedException.unprocessable("parentId",
                        "office " + parentId + " is below " + officeId + ": the tree would have a cycle");
            }
            current = office.get().parentId();
        }
    }

    private static void requireId(String field, String value, Pattern pattern, int maxLength) {
        if (value == null || value.length() > maxLength || !pattern.matcher(value).matches()) {
            throw InputRejectedException.badRequest(field,
                    "must be letters and digits separated by dots, at most " + maxLength + " characters");
        }
    }
}
