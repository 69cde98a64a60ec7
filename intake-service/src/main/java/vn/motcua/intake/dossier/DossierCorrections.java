package vn.motcua.intake.dossier;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.motcua.access.FreeTextGuard;
import vn.motcua.events.Channel;
import vn.motcua.events.DossierCancelled;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.MotcuaEvent;
import vn.motcua.intake.dossier.DossierReceiptService.Checked;
import vn.motcua.intake.infra.ConflictException;
import vn.motcua.intake.infra.InputRejectedException;
import vn.motcua.intake.infra.NotFoundException;
import vn.motcua.intake.personaldata.BlindIndex;
import vn.motcua.intake.personaldata.PersonalDataCipher;
import vn.motcua.spring.axon.ActorMetadata;

/**
 * Corrections and cancellation of a receipt (contract 1.1). Each runs in one transaction on the dossier's row, locked.
 * A change that shows on the contract's {@code DossierReceived} (procedure, channel, receipt time, documents) is
 * appended to the dossier's stream as the next revision of that event, with the due date recomputed by the receipt's
 * own rules; a corrected applicant is re-sealed under the dossier's own data key (so one erasure still shreds every
 * version) and re-indexed, with no event: the applicant never leaves intake. A dossier workflow reports resolved,
 * returned or withdrawn ({@code dossier_settled}) keeps its procedure and cannot be cancelled; a cancelled one
 * changes no more. The code stays the one printed on the slip, even when the receipt time moves.
 */
@Service
class DossierCorrections {
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final DossierReceiptService receipts;
    private final PersonalDataCipher cipher;
    private final BlindIndex blindIndex;
    private final EventStore eventStore;
    private final Clock clock;

    DossierCorrections(JdbcTemplate jdbc, TransactionTemplate transaction, DossierReceiptService receipts,
                       PersonalDataCipher cipher, BlindIndex blindIndex, EventStore eventStore, Clock clock) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.receipts = receipts;
        this.cipher = cipher;
        this.blindIndex = blindIndex;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    /** What may be corrected; null = unchanged. */
    record Correction(Applicant applicant, List<SubmittedDocument> documents, String procedureCode, Channel channel,
                      Instant receivedAt) {
    }

    /** The row as it stands, locked. */
    private record Current(String code, String officeId, String procedureCode, String field, Channel channel,
                           boolean onlineEligible, BigDecimal processingDays, Instant receivedAt, Instant dueAt,
                           String externalRef, long fee, boolean onlinePayment, String verifier, int revision,
                           boolean cancelled, byte[] wrappedKey, boolean settled) {
    }

    void correct(String dossierId, Correction c, String actor) {
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            Current cur = lock(dossierId);
            if (cur.cancelled()) {
                throw new ConflictException("dossier " + dossierId + " was cancelled; it cannot be corrected");
            }
            String procedureCode = c.procedureCode() == null ? cur.procedureCode() : c.procedureCode();
            Channel channel = c.channel() == null ? cur.channel() : c.channel();
            Instant receivedAt = c.receivedAt() == null ? cur.receivedAt() : c.receivedAt();
            boolean procedureChanged = !procedureCode.equals(cur.procedureCode());
            if (procedureChanged && cur.settled()) {
                throw new ConflictException("dossier " + dossierId + " is already resolved; its procedure can no"
                        + " longer change", "procedureCode");
            }
            boolean timing = procedureChanged || channel != cur.channel() || !receivedAt.equals(cur.receivedAt());
            List<SubmittedDocument> before = queriesDocuments(dossierId);
            boolean documentsChanged = c.documents() != null && !c.documents().equals(before);
            if (c.applicant() != null) {
                if (cur.wrappedKey() == null) {
                    throw new ConflictException("the applicant's data of dossier " + dossierId
                            + " was erased; it cannot be corrected", "applicant");
                }
                byte[] sealed = cipher.reseal(dossierId, cur.wrappedKey(), c.applicant().toBytes());
                jdbc.update("UPDATE dossier SET applicant_sealed = ? WHERE dossier_id = ?", sealed, dossierId);
                blindIndex.index(dossierId, c.applicant().fullName(), c.applicant().idNumber());
            }
            if (!timing && !documentsChanged) {
                return;
            }
            DossierReceived event;
            int revision = cur.revision() + 1;
            List<SubmittedDocument> docs = documentsChanged ? c.documents() : before;
            if (timing) {
                Checked checked = receipts.check(cur.officeId(), procedureCode, channel, receivedAt, now);
                var p = checked.procedure();
                long fee = procedureChanged ? p.fee() : cur.fee();
                boolean onlinePayment = procedureChanged ? p.onlinePayment() : cur.onlinePayment();
                event = received(dossierId, cur, p.code(), p.field(), channel,
                        p.onlineMode() != vn.motcua.events.OnlineMode.NONE, p.processingDays(),
                        checked.receivedAt(), checked.dueAt(), revision, docs, fee, onlinePayment);
            } else {
                event = received(dossierId, cur, cur.procedureCode(), cur.field(), cur.channel(), cur.onlineEligible(),
                        cur.processingDays(), cur.receivedAt(), cur.dueAt(), revision, docs, cur.fee(),
                        cur.onlinePayment());
            }
            jdbc.update("""
                            UPDATE dossier SET procedure_code = ?, field = ?, channel = ?, online_eligible = ?,
                                processing_days = ?, received_at = ?, due_at = ?, fee = ?, online_payment = ?,
                                revision = ?
                            WHERE dossier_id = ?""",
                    event.procedureCode(), event.field(), event.channel().name(), event.onlineEligible(),
                    event.processingDays(), Timestamp.from(event.receivedAt()), Timestamp.from(event.dueAt()),
                    event.fee(), event.onlinePayment(), revision, dossierId);
            if (documentsChanged) {
                jdbc.update("DELETE FROM dossier_document WHERE dossier_id = ?", dossierId);
                for (int i = 0; i < docs.size(); i++) {
                    SubmittedDocument d = docs.get(i);
                    jdbc.update("""
                                    INSERT INTO dossier_document (dossier_id, position, name, copies, digitised, reused)
                                    VALUES (?, ?, ?, ?, ?, ?)""",
                            dossierId, i, d.name(), d.copies(), d.digitised(), d.reused());
                }
            }
            append(dossierId, event, actor);
        });
    }

    /** A receipt made in error: {@code DossierCancelled} on the intake topic; the record shows it cancelled. */
    void cancel(String dossierId, String reason, String actor) {
        requireReason(reason);
        if (FreeTextGuard.containsPersonalNumber(reason)) {
            throw InputRejectedException.unprocessable("reason",
                    "must not contain an ID-card or phone number (it is published)");
        }
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            Current cur = lock(dossierId);
            if (cur.cancelled()) {
                throw new ConflictException("dossier " + dossierId + " is already cancelled");
            }
            if (cur.settled()) {
                throw new ConflictException("dossier " + dossierId + " is already resolved; it cannot be cancelled");
            }
            jdbc.update("UPDATE dossier SET cancelled_at = ?, cancel_reason = ? WHERE dossier_id = ?",
                    Timestamp.from(now), reason, dossierId);
            append(dossierId, new DossierCancelled(dossierId, cur.officeId(), reason, now), actor);
        });
    }

    static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw InputRejectedException.badRequest("reason", "is required");
        }
        if (reason.length() > 1000) {
            throw InputRejectedException.badRequest("reason", "must be at most 1000 characters");
        }
    }

    private static DossierReceived received(String dossierId, Current cur, String procedureCode, String field,
                                            Channel channel, boolean onlineEligible, BigDecimal processingDays,
                                            Instant receivedAt, Instant dueAt, int revision,
                                            List<SubmittedDocument> docs, long fee, boolean onlinePayment) {
        return new DossierReceived(dossierId, cur.code(), cur.officeId(), procedureCode, field, channel,
                onlineEligible, processingDays, receivedAt, dueAt, cur.externalRef(), revision, docs.size(),
                (int) docs.stream().filter(SubmittedDocument::digitised).count(),
                (int) docs.stream().filter(SubmittedDocument::reused).count(), fee, onlinePayment, cur.verifier());
    }

    private List<SubmittedDocument> queriesDocuments(String dossierId) {
        return jdbc.query("""
                        SELECT name, copies, digitised, reused FROM dossier_document WHERE dossier_id = ?
                        ORDER BY position""",
                (rs, n) -> new SubmittedDocument(rs.getString(1), rs.getInt(2), rs.getBoolean(3), rs.getBoolean(4)),
                dossierId);
    }

    private Current lock(String dossierId) {
        return jdbc.query("""
                        SELECT d.code, d.office_id, d.procedure_code, d.field, d.channel, d.online_eligible,
                            d.processing_days, d.received_at, d.due_at, d.external_ref, d.fee, d.online_payment,
                            d.lookup_verifier, d.revision, d.cancelled_at IS NOT NULL, k.wrapped_key,
                            EXISTS (SELECT 1 FROM dossier_settled s WHERE s.dossier_id = d.dossier_id)
                        FROM dossier d LEFT JOIN applicant_key k ON k.dossier_id = d.dossier_id
                        WHERE d.dossier_id = ? FOR UPDATE OF d""",
                (rs, n) -> new Current(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        Channel.valueOf(rs.getString(5)), rs.getBoolean(6), rs.getBigDecimal(7),
                        rs.getObject(8, OffsetDateTime.class).toInstant(),
                        rs.getObject(9, OffsetDateTime.class).toInstant(), rs.getString(10), rs.getLong(11),
                        rs.getBoolean(12), rs.getString(13), rs.getInt(14), rs.getBoolean(15), rs.getBytes(16),
                        rs.getBoolean(17)),
                dossierId).stream().findFirst().orElseThrow(() -> new NotFoundException("no dossier " + dossierId));
    }

    /** The next event of the dossier's stream (the row lock keeps two corrections from taking the same number). */
    private void append(String dossierId, MotcuaEvent event, String actor) {
        Long next = jdbc.queryForObject("""
                        SELECT COALESCE(MAX(sequence_number), -1) + 1 FROM domain_event_entry
                        WHERE aggregate_identifier = ?""", Long.class, dossierId);
        eventStore.publish(new GenericDomainEventMessage<>(DossierRecords.STREAM_TYPE, dossierId,
                Objects.requireNonNull(next), event, ActorMetadata.of(actor)));
    }
}
