package vn.motcua.intake.dossier;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import vn.motcua.events.Channel;
import vn.motcua.intake.dossier.DossierReceiptService.Submission;

/** The body of {@code POST /api/v1/dossiers}, and one line of a bulk import. */
record ReceiptRequest(@NotBlank @Size(max = 64) String officeId, @NotBlank @Size(max = 64) String procedureCode,
                      @NotNull Channel channel, OffsetDateTime receivedAt,
                      @NotNull @Valid ApplicantRequest applicant,
                      @Size(max = 200) List<@NotNull @Valid DocumentRequest> documents,
                      @Size(max = 200) String externalRef) {

    record ApplicantRequest(@NotBlank @Size(max = 500) String fullName, @Size(max = 64) String idNumber,
                            @Size(max = 64) String phone, @Size(max = 1000) String address) {
    }

    record DocumentRequest(@NotBlank @Size(max = 1000) String name, @NotNull @Positive Integer copies) {
    }

    Submission toSubmission(String idempotencyKey) {
        List<SubmittedDocument> docs = documents == null ? List.of()
                : documents.stream().map(d -> new SubmittedDocument(d.name(), d.copies())).toList();
        return new Submission(officeId, procedureCode, channel, receivedAt == null ? null : receivedAt.toInstant(),
                new Applicant(applicant.fullName(), applicant.idNumber(), applicant.phone(), applicant.address()),
                docs, externalRef == null || externalRef.isBlank() ? null : externalRef, idempotencyKey);
    }
}
