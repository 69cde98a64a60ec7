package vn.motcua.workflow.dossier;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.motcua.calendar.OfficeCalendars;
import vn.motcua.workflow.deadline.DueSoonRule;
import vn.motcua.workflow.web.InvalidParameterException;
import vn.motcua.workflow.web.Paging;

/**
 * The officers' lists (DOMAIN.md, "Deadlines"): {@code due-soon} = open dossiers due within the policy's due-soon lead ({@link DueSoonRule}),
 * {@code overdue} = open dossiers past their statutory due date. A dossier awaiting a supplement is on neither:
 * its clock is stopped. Paged like the dossier list ({@code page}, {@code size}, {@code total}); without
 * {@code page}/{@code size} it is the first {@value #LIMIT}, as before contract 1.1, and {@code truncated} says
 * when there were more. {@code dossiers} repeats {@code items} for clients of contract 1.0.
 */
@RestController
public class WorklistController {
    private static final int LIMIT = 1000;

    private final DossierQueries queries;
    private final OfficeCalendars calendars;
    private final Clock clock;
    private final WorkflowPolicy policy;

    public WorklistController(DossierQueries queries, OfficeCalendars calendars, Clock clock, WorkflowPolicy policy) {
        this.queries = queries;
        this.calendars = calendars;
        this.clock = clock;
        this.policy = policy;
    }

    @GetMapping("/api/v1/worklists/{officeId}")
    public Worklist worklist(@PathVariable String officeId, @RequestParam(required = false) String kind,
                             @RequestParam(required = false) String page,
                             @RequestParam(required = false) String size) {
        Instant now = clock.instant();
        Instant from;
        Instant to;
        if ("due-soon".equals(kind)) {
            from = now;
            to = DueSoonRule.of(policy).horizon(calendars.forOffice(officeId), now);
        } else if ("overdue".equals(kind)) {
            from = Instant.EPOCH;
            to = now;
        } else {
            throw new InvalidParameterException("kind", "must be due-soon or overdue");
        }
        Paging paging = Paging.of(page, size, LIMIT, LIMIT, 1_000_000);
        List<Item> items = queries.openDueBetween(officeId, from, to, paging.offset(), paging.size()).stream()
                .map(d -> new Item(d.dossierId(), d.code(), d.status(), d.dueAt(), d.rescheduledDueAt(),
                        d.currentUnit()))
                .toList();
        long total = items.size() < paging.size() && (items.size() > 0 || paging.page() == 0)
                ? paging.offset() + items.size() : queries.countOpenDueBetween(officeId, from, to);
        return new Worklist(officeId, kind, now, items, paging.page(), paging.size(), total,
                total > paging.offset() + items.size(), items);
    }

    /** {@code truncated}: more dossiers follow this page. {@code dossiers}: the same as {@code items} (contract 1.0). */
    public record Worklist(String officeId, String kind, Instant asOf, List<Item> items, int page, int size,
                           long total, boolean truncated, List<Item> dossiers) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String dossierId, String code, DossierStatus status, Instant dueAt, Instant rescheduledDueAt,
                       String currentUnit) {
    }
}
