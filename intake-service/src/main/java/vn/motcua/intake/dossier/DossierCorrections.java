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
import vn.motcua.events.Channel;
import vn.motcua.events.DossierCancelled;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.MotcuaEvent;
import vn.motcua.intake.dossier.DossierReceiptService.Checked;
import vn.motcua.intake.dossier.CorrectionRules.Correction;
import vn.motcua.intake.infra.NotFoundException;
import vn.motcua.intake.infra.Refusal;
import vn.motcua.intake.personaldata.BlindIndex;
import vn.motcua.intake.personaldata.PersonalDataCipher;
import vn.motcua.spring.axon.ActorMetadata;

/**
 * Corrections and cancellation of a receipt (contract 1.1), under {@link CorrectionRules} and
 * {@link CancellationRules}. Each runs in one transaction on the dossier's row, locked. A revision is appended to the
 * dossier's stream as the next {@code DossierReceived}; a corrected applicant is re-sealed under the dossier's own
 * data key (so one erasure still shreds every version) and re-indexed, with no event. "Settled" is workflow's report
 * that the dossier was resolved, returned or withdrawn ({@code dossier_settled}).
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
            List<SubmittedDocument> before = queriesDocuments(dossierId);
            CorrectionRules.Decision decision = CorrectionRules.decide(dossierId, new CorrectionRules.Current(
                    cur.procedureCode(), cur.channel(), cur.receivedAt(), before, cur.cancelled(), cur.settled(),
                    cur.wrappedKey() == null), c);
            if (decision instanceof CorrectionRules.Refused refused) {
                throw refused.refusal().toException();
            }
            CorrectionRules.Plan plan = (CorrectionRules.Plan) decision;
            if (plan.applicantChanged()) {
                byte[] sealed = cipher.reseal(dossierId, cur.wrappedKey(), c.applicant().toBytes());
                jdbc.update("UPDATE dossier SET applicant_sealed = ? WHERE dossier_id = ?", sealed, dossierId);
                blindIndex.index(dossierId, c.applicant().fullName(), c.applicant().idNumber());
            }
            if (!plan.newRevision()) {
                return;
            }
            DossierReceived event;
            int revision = cur.revision() + 1;
            List<SubmittedDocument> docs = plan.documents();
            if (plan.timingChanged()) {
                Checked checked = receipts.check(cur.officeId(), plan.procedureCode(), plan.channel(),
                        plan.receivedAt(), now);
                var p = checked.procedure();
                event = received(dossierId, cur, p.code(), p.field(), plan.channel(),
                        ReceiptRules.onlineEligible(p.onlineMode()), p.processingDays(), checked.receivedAt(),
                        checked.dueAt(), revision, docs, plan.fee(cur.fee(), p.fee()),
                        plan.onlinePayment(cur.onlinePayment(), p.onlinePayment()));
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
            if (plan.documentsChanged()) {
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
        CancellationRules.reason(reason).ifPresent(DossierCorrections::refuse);
        Instant now = clock.instant();
        transaction.executeWithoutResult(status -> {
            Current cur = lock(dossierId);
            CancellationRules.state(dossierId, cur.cancelled(), cur.settled()).ifPresent(DossierCorrections::refuse);
            jdbc.update("UPDATE dossier SET cancelled_at = ?, cancel_reason = ? WHERE dossier_id = ?",
                    Timestamp.from(now), reason, dossierId);
            append(dossierId, new DossierCancelled(dossierId, cur.officeId(), reason, now), actor);
        });
    }

    private static void refuse(Refusal refusal) {
        throw refusal.toException();
    }

    private static DossierReceived received(String dossierId, Current cur, String procedureCode, String field,
                                            Channel channel, boolean onlineEligible, BigDecimal processingDays,
                                            Instant receivedAt, Instant dueAt, int revision,
                                            List<SubmittedDocument> docs, long fee, boolean onlinePayment) {
        DocumentCounts counts = DocumentCounts.of(docs);
        return new DossierReceived(dossierId, cur.code(), cur.officeId(), procedureCode, field, channel,
                onlineEligible, processingDays, receivedAt, dueAt, cur.externalRef(), revision, counts.documents(),
                counts.digitised(), counts.reused(), fee, onlinePayment, cur.verifier());
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
