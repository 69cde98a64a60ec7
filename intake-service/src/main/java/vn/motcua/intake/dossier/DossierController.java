package vn.motcua.intake.dossier;

import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.motcua.events.LookupPin;
import vn.motcua.intake.catalogue.CatalogueQueries;
import vn.motcua.intake.dossier.DossierQueries.DossierView;
import vn.motcua.intake.dossier.DossierQueries.ReceiptView;
import vn.motcua.intake.dossier.DossierReceiptService.Outcome;
import vn.motcua.intake.infra.NotFoundException;
import vn.motcua.intake.personaldata.BlindIndex;
import vn.motcua.intake.personaldata.PersonalDataAudit;
import vn.motcua.intake.personaldata.PersonalDataAudit.Action;
import vn.motcua.spring.security.Callers;

/** Receipt of dossiers: 201 for a new one, 200 with the first answer for a repeat. */
@RestController
@RequestMapping("/api/v1/dossiers")
class DossierController {
    private final ReceiptBatcher receipts;
    private final DossierQueries queries;
    private final CatalogueQueries catalogue;
    private final PersonalDataAudit audit;
    private final BlindIndex blindIndex;

    DossierController(ReceiptBatcher receipts, DossierQueries queries, CatalogueQueries catalogue,
                      PersonalDataAudit audit, BlindIndex blindIndex) {
        this.receipts = receipts;
        this.queries = queries;
        this.catalogue = catalogue;
        this.audit = audit;
        this.blindIndex = blindIndex;
    }

    @PostMapping
    ResponseEntity<ReceiptView> receive(@RequestHeader(name = "Idempotency-Key", required = false) String key,
                                        @Valid @RequestBody ReceiptRequest body) {
        ReceiptIdempotency.key(key).ifPresent(refusal -> {
            throw refusal.toException();
        });
        // The PIN is shown in this answer only: its verifier is recorded (and published), the PIN itself nowhere.
        String pin = LookupPin.generate();
        // The fingerprint is kept with the claim of a receipt that may repeat (a key or a reference); one with neither
        // is never claimed, so its fingerprint would be computed for nothing (~6 % of a receipt's CPU).
        byte[] fingerprint = ReceiptIdempotency.mayRepeat(key, ReceiptIdempotency.externalRef(body.externalRef()))
                ? blindIndex.fingerprint(body.canonical()) : null;
        Outcome outcome = receipts.receive(body.toSubmission(key, Callers.currentSubject(), fingerprint,
                LookupPin.verifier(pin)));
        return outcome.created()
                ? ResponseEntity.status(HttpStatus.CREATED).body(outcome.receipt().withPin(pin))
                : ResponseEntity.ok(outcome.receipt());
    }

    /** The intake record; showing its applicant is a read of personal data, recorded before it is answered. */
    @GetMapping("/{dossierId}")
    DossierView dossier(@PathVariable String dossierId) {
        DossierView d = queries.dossier(dossierId).orElseThrow(() -> new NotFoundException("no dossier " + dossierId));
        if (d.applicant() != null) {
            audit.record(dossierId, Action.READ_RECORD);
        }
        return d;
    }

    // The receipt slip (form 01, GET .../{dossierId}/receipt, HTML or PDF) is ReceiptSlipController's.
}
