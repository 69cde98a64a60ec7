package vn.motcua.workflow.dossier;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.motcua.calendar.OfficeCalendars;
import vn.motcua.workflow.web.InvalidParameterException;

/**
 * The officers' lists (DOMAIN.md, "Deadlines"): {@code due-soon} = open dossiers due within the next working day,
 * {@code overdue} = open dossiers past their statutory due date. A dossier awaiting a supplement is on neither:
 * its clock is stopped.
 */
@RestController
public class WorklistController {
    private static final int LIMIT = 1000;

    private final DossierQueries queries;
    private final OfficeCalendars calendars;
    private final Clock clock;

    public WorklistController(DossierQueries queries, OfficeCalendars calendars, Clock clock) {
        this.queries = queries;
        this.calendars = calendars;
        this.clock = clock;
    }

    @GetMapping("/api/v1/worklists/{officeId}")
    public Worklist worklist(@PathVariable String officeId, @RequestParam(required = false) String kind) {
        Instant now = clock.instant();
        List<DossierView> dossiers;
        if ("due-soon".equals(kind)) {
            dossiers = queries.openDueBetween(officeId, now, calendars.forOffice(officeId).addWorkingDays(now, BigDecimal.ONE), LIMIT);
        } else if ("overdue".equals(kind)) {
            dossiers = queries.openDueBetween(officeId, Instant.EPOCH, now, LIMIT);
        } else {
            throw new InvalidParameterException("kind", "must be due-soon or overdue");
        }
        return new Worklist(officeId, kind, now, dossiers.stream()
                .map(d -> new Item(d.dossierId(), d.status(), d.dueAt(), d.rescheduledDueAt(), d.currentUnit()))
                .toList());
    }

    public record Worklist(String officeId, String kind, Instant asOf, List<Item> dossiers) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String dossierId, DossierStatus status, Instant dueAt, Instant rescheduledDueAt,
                       String currentUnit) {
    }
}
