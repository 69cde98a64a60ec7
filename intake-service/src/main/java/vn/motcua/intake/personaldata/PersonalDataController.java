package vn.motcua.intake.personaldata;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.motcua.intake.infra.InputRejectedException;
import vn.motcua.intake.infra.NotFoundException;

/** The personal-data audit and erasure (admin; the rule lives with the other access rules). */
@RestController
class PersonalDataController {
    private final PersonalDataAudit audit;
    private final ApplicantErasure erasure;

    PersonalDataController(PersonalDataAudit audit, ApplicantErasure erasure) {
        this.audit = audit;
        this.erasure = erasure;
    }

    /** Every recorded read and erasure of the dossier's applicant data, oldest first. */
    @GetMapping("/api/v1/audit/personal-data")
    List<PersonalDataAudit.Entry> audit(@RequestParam(required = false) String dossierId) {
        if (dossierId == null || dossierId.isBlank()) {
            throw InputRejectedException.badRequest("dossierId", "is required");
        }
        return audit.of(dossierId);
    }

    /** Erases the applicant's data; 204 also when it was already erased, 404 for an unknown dossier. */
    @DeleteMapping("/api/v1/dossiers/{dossierId}/applicant")
    ResponseEntity<Void> erase(@PathVariable String dossierId) {
        if (!erasure.erase(dossierId, PersonalDataAudit.subject())) {
            throw new NotFoundException("no dossier " + dossierId);
        }
        return ResponseEntity.noContent().build();
    }
}
