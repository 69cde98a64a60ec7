package vn.motcua.intake.dossier;

import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.motcua.events.LookupPin;
import vn.motcua.intake.catalogue.CatalogueQueries;
import vn.motcua.intake.catalogue.CatalogueQueries.OfficeView;
import vn.motcua.intake.dossier.DossierQueries.DossierView;
import vn.motcua.intake.infra.InputRejectedException;
import vn.motcua.intake.infra.NotFoundException;
import vn.motcua.intake.personaldata.PersonalDataAudit;
import vn.motcua.intake.personaldata.PersonalDataAudit.Action;
import vn.motcua.print.Printable;

/**
 * The receipt slip (form 01) as printable A5 HTML, or as PDF with {@code Accept: application/pdf} (the same
 * content). Showing the applicant is a read of personal data: recorded before the slip is answered. The desk that
 * has just received the dossier may pass the lookup PIN the receipt answered ({@code Lookup-Pin} header, never a
 * query parameter, so it stays out of access logs and browser history) to print it; it is checked against the
 * stored verifier, since only what was issued may be printed.
 */
@RestController
@RequestMapping("/api/v1/dossiers")
class ReceiptSlipController {
    static final String PIN_HEADER = "Lookup-Pin";

    private final DossierQueries queries;
    private final CatalogueQueries catalogue;
    private final PersonalDataAudit audit;
    private final JdbcTemplate jdbc;

    ReceiptSlipController(DossierQueries queries, CatalogueQueries catalogue, PersonalDataAudit audit,
                          JdbcTemplate jdbc) {
        this.queries = queries;
        this.catalogue = catalogue;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    @GetMapping("/{dossierId}/receipt")
    ResponseEntity<byte[]> receiptSlip(@PathVariable String dossierId,
                                       @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
                                       @RequestHeader(name = PIN_HEADER, required = false) String pin) {
        DossierView d = queries.dossier(dossierId).orElseThrow(() -> new NotFoundException("no dossier " + dossierId));
        String printedPin = pin == null ? null : checkedPin(dossierId, pin);
        if (d.applicant() != null) {
            audit.record(dossierId, Action.READ_RECEIPT_SLIP);
        }
        Printable format = Printable.negotiate(accept);
        String xhtml = ReceiptSlip.render(d, names(d), printedPin);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(format.contentType()))
                // A slip carries personal data (and perhaps the PIN): no cache may keep it.
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (format == Printable.PDF) {
            answer.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"mau-01-"
                    + d.code().replaceAll("[^A-Za-z0-9.-]", "_") + ".pdf\"");
        }
        return answer.body(format.body(xhtml));
    }

    private ReceiptSlip.Names names(DossierView d) {
        OfficeView office = catalogue.office(d.officeId()).orElse(null);
        String governing = office == null || office.parentId() == null ? null
                : catalogue.office(office.parentId()).map(OfficeView::name).orElse(null);
        String procedure = catalogue.procedure(d.procedureCode()).map(CatalogueQueries.ProcedureView::name)
                .orElse(d.procedureCode());
        return new ReceiptSlip.Names(office == null ? d.officeId() : office.name(), governing, procedure);
    }

    /** 400 for a PIN of the wrong shape, 422 for one this dossier was not given; the PIN is never logged. */
    private String checkedPin(String dossierId, String pin) {
        String normalized = pin.trim().toUpperCase(Locale.ROOT);
        if (normalized.length() != LookupPin.LENGTH || !normalized.chars().allMatch(Character::isLetterOrDigit)) {
            throw InputRejectedException.badRequest(PIN_HEADER, "must be the " + LookupPin.LENGTH
                    + "-character PIN printed at receipt");
        }
        String verifier = jdbc.queryForList("SELECT lookup_verifier FROM dossier WHERE dossier_id = ?", String.class,
                dossierId).stream().findFirst().orElse(null);
        if (!LookupPin.matches(normalized, verifier)) {
            throw InputRejectedException.unprocessable(PIN_HEADER, "is not the PIN this dossier was given");
        }
        return normalized;
    }
}
