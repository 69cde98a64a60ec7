package vn.motcua.intake.dossier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.motcua.events.Channel;
import vn.motcua.intake.dossier.DossierQueries.DossierView;
import vn.motcua.intake.dossier.DossierQueries.ReceiptView;
import vn.motcua.intake.dossier.DossierReceiptService.Outcome;
import vn.motcua.intake.dossier.DossierReceiptService.Submission;
import vn.motcua.intake.infra.InputRejectedException;
import vn.motcua.intake.infra.NotFoundException;

/** Receipt of dossiers: 201 for a new one, 200 with the first answer for a repeat. */
@RestController
@RequestMapping("/api/v1/dossiers")
class DossierController {
    private final DossierReceiptService receipts;
    private final DossierQueries queries;

    DossierController(DossierReceiptService receipts, DossierQueries queries) {
        this.receipts = receipts;
        this.queries = queries;
    }

    record ApplicantRequest(@NotBlank @Size(max = 500) String fullName, @Size(max = 64) String idNumber,
                            @Size(max = 64) String phone, @Size(max = 1000) String address) {
    }

    record DocumentRequest(@NotBlank @Size(max = 1000) String name, @NotNull @Positive Integer copies) {
    }

    record ReceiptRequest(@NotBlank @Size(max = 64) String officeId, @NotBlank @Size(max = 64) String procedureCode,
                          @NotNull Channel channel, OffsetDateTime receivedAt,
                          @NotNull @Valid ApplicantRequest applicant,
                          @Size(max = 200) List<@NotNull @Valid DocumentRequest> documents,
                          @Size(max = 200) String externalRef) {
    }

    @PostMapping
    ResponseEntity<ReceiptView> receive(@RequestHeader(name = "Idempotency-Key", required = false) String key,
                                        @Valid @RequestBody ReceiptRequest body) {
        if (key != null && (key.isBlank() || key.length() > 200)) {
            throw InputRejectedException.badRequest("Idempotency-Key", "must be 1 to 200 characters");
        }
        ApplicantRequest a = body.applicant();
        List<SubmittedDocument> documents = body.documents() == null ? List.of()
                : body.documents().stream().map(d -> new SubmittedDocument(d.name(), d.copies())).toList();
        Outcome outcome = receipts.receive(new Submission(body.officeId(), body.procedureCode(), body.channel(),
                body.receivedAt() == null ? null : body.receivedAt().toInstant(),
                new Applicant(a.fullName(), a.idNumber(), a.phone(), a.address()), documents,
                blankToNull(body.externalRef()), key));
        return ResponseEntity.status(outcome.created() ? HttpStatus.CREATED : HttpStatus.OK).body(outcome.receipt());
    }

    @GetMapping("/{dossierId}")
    DossierView dossier(@PathVariable String dossierId) {
        return queries.dossier(dossierId).orElseThrow(() -> new NotFoundException("no dossier " + dossierId));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
