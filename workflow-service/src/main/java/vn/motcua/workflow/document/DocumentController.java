package vn.motcua.workflow.document;

import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.motcua.print.Printable;
import vn.motcua.access.ProblemType;
import vn.motcua.spring.web.ProblemAdviceSupport;
import vn.motcua.workflow.dossier.DossierNotFoundException;
import vn.motcua.workflow.dossier.DossierQueries;
import vn.motcua.workflow.dossier.DossierView.HistoryLine;

/**
 * The printable workflow documents (Circular 01/2018/TT-VPCP forms 02 to 05) as HTML that prints on A4, or as PDF
 * with {@code Accept: application/pdf} (the same content: the PDF is made from the HTML). Read-only; who may print
 * is the dossier read's rule ({@code access.AccessRules}: an officer of the dossier's office). An unknown dossier
 * answers 404; a form the dossier's history does not support (a refusal of a dossier that was not refused) 409.
 */
@RestController
@RequestMapping("/api/v1/dossiers")
public class DocumentController {
    private final FormFacts facts;
    private final DossierQueries dossiers;

    public DocumentController(FormFacts facts, DossierQueries dossiers) {
        this.facts = facts;
        this.dossiers = dossiers;
    }

    /** Form 02: what the office asked the applicant to add. */
    @GetMapping("/{dossierId}/documents/supplement-request")
    public ResponseEntity<byte[]> supplementRequest(@PathVariable String dossierId,
                                                    @RequestHeader(name = HttpHeaders.ACCEPT, required = false)
                                                    String accept) {
        DossierFacts f = facts.of(dossierId);
        HistoryLine request = last(f, "SUPPLEMENT_REQUESTED", null, "no supplement was requested for this dossier");
        return print(accept, SupplementRequestForm.xhtml(f, request), "mau-02", f);
    }

    /** Form 03: the office declines to resolve the dossier. */
    @GetMapping("/{dossierId}/documents/refusal")
    public ResponseEntity<byte[]> refusal(@PathVariable String dossierId,
                                          @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        DossierFacts f = facts.of(dossierId);
        HistoryLine resolution = last(f, "RESOLVED", "REFUSED", "the dossier was not refused (outcome "
                + (f.dossier().outcome() == null ? "not yet decided" : f.dossier().outcome()) + ")");
        return print(accept, RefusalForm.xhtml(f, resolution), "mau-03", f);
    }

    /** Form 04: an apology letter as issued. */
    @GetMapping("/{dossierId}/apology-letters/{number}")
    public ResponseEntity<byte[]> apologyLetter(@PathVariable String dossierId, @PathVariable int number,
                                                @RequestHeader(name = HttpHeaders.ACCEPT, required = false)
                                                String accept) {
        DossierQueries.ApologyLetter letter = dossiers.letter(dossierId, number)
                .orElseThrow(() -> new DossierNotFoundException(dossierId + " apology letter " + number));
        DossierFacts f = facts.of(dossierId);
        return print(accept, ApologyLetterForm.xhtml(f, letter), "mau-04-" + number, f);
    }

    /** Form 05: every handover, judged against its share of the statutory time. */
    @GetMapping("/{dossierId}/documents/control-slip")
    public ResponseEntity<byte[]> controlSlip(@PathVariable String dossierId,
                                              @RequestHeader(name = HttpHeaders.ACCEPT, required = false)
                                              String accept) {
        DossierFacts f = facts.of(dossierId);
        List<Handovers.Line> lines = Handovers.of(f.dossier(), f.calendar(),
                officeId -> facts.officeName(officeId).orElse(null));
        return print(accept, ControlSlipForm.xhtml(f, lines), "mau-05", f);
    }

    @ExceptionHandler(DocumentUnavailableException.class)
    ResponseEntity<Object> unavailable(DocumentUnavailableException e) {
        return ProblemAdviceSupport.problem(ProblemType.DOCUMENT_UNAVAILABLE, e.getMessage(), null);
    }

    private static HistoryLine last(DossierFacts f, String kind, String outcome, String otherwise) {
        List<HistoryLine> history = f.dossier().history() == null ? List.of() : f.dossier().history();
        return history.stream()
                .filter(h -> h.kind().equals(kind))
                .filter(h -> outcome == null || h.details() != null && outcome.equals(String.valueOf(
                        h.details().get("outcome"))))
                .max(Comparator.comparing(HistoryLine::at))
                .orElseThrow(() -> new DocumentUnavailableException(otherwise));
    }

    private static ResponseEntity<byte[]> print(String accept, String xhtml, String form, DossierFacts f) {
        Printable format = Printable.negotiate(accept);
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(format.contentType()));
        if (format == Printable.PDF) {
            String file = (form + "-" + f.codeOrId()).replaceAll("[^A-Za-z0-9.-]", "_") + ".pdf";
            answer.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + file + "\"");
        }
        return answer.body(format.body(xhtml));
    }

    /** The dossier exists but its history does not hold what the form prints: 409. */
    static class DocumentUnavailableException extends RuntimeException {
        DocumentUnavailableException(String reason) {
            super(reason);
        }
    }
}
