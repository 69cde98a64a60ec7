package vn.motcua.intake.dossier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.motcua.events.Channel;
import vn.motcua.events.DossierCode;
import vn.motcua.intake.dossier.DossierQueries.DossierView;
import vn.motcua.intake.infra.InputRejectedException;
import vn.motcua.intake.infra.NotFoundException;
import vn.motcua.intake.personaldata.PersonalDataAudit;
import vn.motcua.intake.personaldata.PersonalDataAudit.Action;
import vn.motcua.spring.security.Callers;

/** What a desk does with received dossiers (contract 1.1): search, look up by code, correct, cancel. */
@RestController
@RequestMapping("/api/v1/dossiers")
class DossierDeskController {
    private static final int MAX_SIZE = 100;

    private final DossierSearch search;
    private final DossierQueries queries;
    private final DossierCorrections corrections;
    private final PersonalDataAudit audit;

    DossierDeskController(DossierSearch search, DossierQueries queries, DossierCorrections corrections,
                          PersonalDataAudit audit) {
        this.search = search;
        this.queries = queries;
        this.corrections = corrections;
        this.audit = audit;
    }

    /** Every hit that shows an applicant's name is an audited read ({@code SEARCH_HIT}), recorded before answering. */
    @GetMapping
    DossierSearch.Page search(@RequestParam(required = false) String officeId,
                              @RequestParam(required = false) String scope,
                              @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                              @RequestParam(required = false) String q,
                              @RequestParam(required = false) String page,
                              @RequestParam(required = false) String size) {
        if (officeId == null || officeId.isBlank()) {
            throw InputRejectedException.badRequest("officeId", "is required");
        }
        if (scope != null && !scope.equals("self") && !scope.equals("subtree")) {
            throw InputRejectedException.badRequest("scope", "must be self or subtree");
        }
        int pageNumber = number("page", page, 0, 0, 1_000_000);
        int pageSize = number("size", size, 20, 1, MAX_SIZE);
        LocalDate fromDate = date("from", from);
        LocalDate toDate = date("to", to);
        if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
            throw InputRejectedException.badRequest("to", "must not be before from");
        }
        String query = q == null || q.isBlank() ? null : q.strip();
        if (query != null && query.length() > 200) {
            throw InputRejectedException.badRequest("q", "must be at most 200 characters");
        }
        List<String> offices = "subtree".equals(scope) ? search.subtree(officeId) : List.of(officeId);
        DossierSearch.Page result = search.search(new DossierSearch.Query(offices, fromDate, toDate, query,
                pageNumber, pageSize));
        audit.record(result.items().stream().filter(i -> i.applicantName() != null)
                .map(DossierSearch.Item::dossierId).toList(), Action.SEARCH_HIT);
        return result;
    }

    /** The intake record of the dossier with the code printed on its slip (audited like a read by id). */
    @GetMapping("/by-code/{code}")
    DossierView byCode(@PathVariable String code) {
        // A text that is no code cannot be one of ours: the same 404 as an unknown code, without a query.
        String id = DossierCode.parse(code).flatMap(queries::idOfCode)
                .orElseThrow(() -> new NotFoundException("no dossier with code " + code));
        DossierView d = queries.dossier(id).orElseThrow(() -> new NotFoundException("no dossier with code " + code));
        if (d.applicant() != null) {
            audit.record(id, Action.READ_RECORD);
        }
        return d;
    }

    record CorrectionRequest(@Valid ReceiptRequest.ApplicantRequest applicant,
                             @Size(max = 200) List<ReceiptRequest.@NotNull @Valid DocumentRequest> documents,
                             @Size(max = 64) String procedureCode, Channel channel, OffsetDateTime receivedAt,
                             String reason) {
    }

    /**
     * The corrected record. {@code reason} is required but goes on no topic ({@code DossierReceived} has none), so
     * only its length is checked.
     */
    @PostMapping("/{dossierId}/corrections")
    DossierView correct(@PathVariable String dossierId, @Valid @RequestBody CorrectionRequest body) {
        CorrectionRules.reason(body.reason()).ifPresent(r -> {
            throw r.toException();
        });
        Applicant applicant = body.applicant() == null ? null : new Applicant(body.applicant().fullName(),
                body.applicant().idNumber(), body.applicant().phone(), body.applicant().address());
        List<SubmittedDocument> documents = body.documents() == null ? null
                : body.documents().stream().map(ReceiptRequest.DocumentRequest::toDocument).toList();
        String procedure = body.procedureCode() == null || body.procedureCode().isBlank() ? null
                : body.procedureCode();
        corrections.correct(dossierId, new CorrectionRules.Correction(applicant, documents, procedure,
                body.channel(), body.receivedAt() == null ? null : body.receivedAt().toInstant()),
                Callers.currentSubject());
        return read(dossierId);
    }

    record CancellationRequest(String reason) {
    }

    @PostMapping("/{dossierId}/cancellation")
    DossierView cancel(@PathVariable String dossierId, @RequestBody(required = false) CancellationRequest body) {
        corrections.cancel(dossierId, body == null ? null : body.reason(), Callers.currentSubject());
        return read(dossierId);
    }

    private DossierView read(String dossierId) {
        DossierView d = queries.dossier(dossierId).orElseThrow(() -> new NotFoundException("no dossier " + dossierId));
        if (d.applicant() != null) {
            audit.record(dossierId, Action.READ_RECORD);
        }
        return d;
    }

    private static int number(String field, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw InputRejectedException.badRequest(field, "must be a whole number from " + min + " to " + max);
    }

    private static LocalDate date(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw InputRejectedException.badRequest(field, "must be a date, yyyy-MM-dd");
        }
    }
}
