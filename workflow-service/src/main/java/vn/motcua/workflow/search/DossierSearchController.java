package vn.motcua.workflow.search;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.motcua.workflow.dossier.DossierController;
import vn.motcua.workflow.dossier.DossierNotFoundException;
import vn.motcua.workflow.dossier.DossierStatus;
import vn.motcua.workflow.dossier.DossierView;
import vn.motcua.workflow.web.InvalidParameterException;
import vn.motcua.workflow.web.Paging;

/**
 * The officers' dossier list (contract 1.1) and the lookup by the code printed on the receipt slip. Who may call
 * them is decided before ({@code access.AccessRules}: {@code officeId}, or the code's office, in scope).
 */
@RestController
public class DossierSearchController {
    static final int DEFAULT_SIZE = 20;
    static final int MAX_SIZE = 100;
    /** Deep pages cost offset + size rows per office: past 10,000 rows, narrow the list (status, overdue) instead. */
    static final int MAX_WINDOW = 10_000;

    private final DossierSearch search;
    private final DossierController dossiers;
    private final Clock clock;

    public DossierSearchController(DossierSearch search, DossierController dossiers, Clock clock) {
        this.search = search;
        this.dossiers = dossiers;
        this.clock = clock;
    }

    @GetMapping("/api/v1/dossiers")
    public DossierSearch.Page list(@RequestParam(required = false) String officeId,
                                   @RequestParam(required = false) String scope,
                                   @RequestParam(required = false) String status,
                                   @RequestParam(required = false) String overdue,
                                   @RequestParam(required = false) String page,
                                   @RequestParam(required = false) String size) {
        if (officeId == null || officeId.isBlank()) {
            throw new InvalidParameterException("officeId", "is required");
        }
        if (scope != null && !scope.equals("self") && !scope.equals("subtree")) {
            throw new InvalidParameterException("scope", "must be self or subtree");
        }
        Paging paging = Paging.of(page, size, DEFAULT_SIZE, MAX_SIZE, MAX_WINDOW);
        if (paging.offset() + paging.size() > MAX_WINDOW) {
            throw new InvalidParameterException("page", "reaches past the first " + MAX_WINDOW
                    + " dossiers: narrow the list with status or overdue");
        }
        List<String> offices = "subtree".equals(scope) ? search.subtree(officeId) : List.of(officeId);
        DossierSearch.Query query = new DossierSearch.Query(offices, status(status), overdue(overdue),
                clock.instant(), paging.offset(), paging.size());
        return new DossierSearch.Page(search.items(query), paging.page(), paging.size(), search.total(query));
    }

    /** The same body as {@code GET /api/v1/dossiers/{id}}. */
    @GetMapping("/api/v1/dossiers/by-code/{code}")
    public DossierView byCode(@PathVariable String code) {
        return search.idOfCode(code).map(dossiers::get)
                .orElseThrow(() -> new DossierNotFoundException("with code " + code));
    }

    private static DossierStatus status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        try {
            return DossierStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("status", "must be one of " + List.of(DossierStatus.values()));
        }
    }

    private static Boolean overdue(String overdue) {
        if (overdue == null || overdue.isBlank()) {
            return null;
        }
        return switch (overdue.strip()) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new InvalidParameterException("overdue", "must be true or false");
        };
    }
}
