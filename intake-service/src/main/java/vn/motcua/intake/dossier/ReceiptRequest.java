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
import vn.motcua.spring.edge.PlainText;
import vn.motcua.spring.security.OfficeScopedBody;

/**
 * The body of {@code POST /api/v1/dossiers}, and one line of a bulk import. Its office is checked against the
 * caller's scope before the controller runs ({@link OfficeScopedBody}); the bulk import checks each line's.
 */
record ReceiptRequest(@NotBlank @Size(max = 64) @PlainText String officeId,
                      @NotBlank @Size(max = 64) @PlainText String procedureCode,
                      @NotNull Channel channel, OffsetDateTime receivedAt,
                      @NotNull @Valid ApplicantRequest applicant,
                      @Size(max = 200) List<@NotNull @Valid DocumentRequest> documents,
                      @Size(max = 200) @PlainText String externalRef) implements OfficeScopedBody {

    record ApplicantRequest(@NotBlank @Size(max = 500) @PlainText String fullName,
                            @Size(max = 64) @PlainText String idNumber, @Size(max = 64) @PlainText String phone,
                            @Size(max = 1000) @PlainText(lineBreaks = true) String address) {
    }

    record DocumentRequest(@NotBlank @Size(max = 1000) @PlainText String name, @NotNull @Positive Integer copies,
                           Boolean digitised, Boolean reused) {
        SubmittedDocument toDocument() {
            return new SubmittedDocument(name, copies, Boolean.TRUE.equals(digitised), Boolean.TRUE.equals(reused));
        }
    }

    /** A line of a bulk import: {@code actor} is the caller's sub, recorded on the event; no PIN, no fingerprint. */
    Submission toSubmission(String idempotencyKey, String actor) {
        return toSubmission(idempotencyKey, actor, null, null);
    }

    /**
     * {@code requestHash}: the keyed fingerprint of {@link #canonical()}; {@code lookupVerifier}: of the PIN the
     * answer shows.
     */
    Submission toSubmission(String idempotencyKey, String actor, byte[] requestHash, String lookupVerifier) {
        List<SubmittedDocument> docs = documents == null ? List.of()
                : documents.stream().map(DocumentRequest::toDocument).toList();
        return new Submission(officeId, procedureCode, channel, receivedAt == null ? null : receivedAt.toInstant(),
                new Applicant(applicant.fullName(), applicant.idNumber(), applicant.phone(), applicant.address()),
                docs, ReceiptIdempotency.externalRef(externalRef), idempotencyKey, actor,
                requestHash, lookupVerifier);
    }

    /**
     * The request as bytes that do not depend on how it was written (field order, spacing, offset of
     * {@code receivedAt}, omitted defaults), so a retry of the same request fingerprints the same.
     */
    byte[] canonical() {
        record Canonical(String officeId, String procedureCode, Channel channel, String receivedAt,
                         ApplicantRequest applicant, List<SubmittedDocument> documents, String externalRef) {
        }
        List<SubmittedDocument> docs = documents == null ? List.of()
                : documents.stream().map(DocumentRequest::toDocument).toList();
        return CANONICAL.writeValueAsBytes(new Canonical(officeId, procedureCode, channel,
                receivedAt == null ? null : receivedAt.toInstant().toString(), applicant, docs,
                ReceiptIdempotency.externalRef(externalRef)));
    }

    private static final tools.jackson.databind.json.JsonMapper CANONICAL =
            tools.jackson.databind.json.JsonMapper.builder().build();
}
