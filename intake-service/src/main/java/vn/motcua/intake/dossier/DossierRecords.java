package vn.motcua.intake.dossier;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.motcua.spring.axon.ActorMetadata;
import vn.motcua.intake.personaldata.ApplicantKeys;
import vn.motcua.intake.personaldata.BlindIndex;

/**
 * Writes receipts, in the caller's transaction: each dossier's {@link DossierRecorded} as the first event of its
 * stream in the event store, its intake record (the applicant sealed, and documents) beside it, and the wrapped
 * data key of its applicant in {@code applicant_key}.
 *
 * <p>A receipt has no earlier state to check and intake has no later command on a dossier, so the event is
 * appended directly rather than through a command handler: the command bus, the aggregate's reflection and one
 * event handler call per dossier were a third of a receipt's CPU. The stream is what the aggregate would have
 * written (type {@value #STREAM_TYPE}, sequence 0), and the event store's unique (aggregate, sequence) key still
 * refuses a second first event. A group's events go in one JDBC batch and its records in three (data keys,
 * dossiers, documents), whatever its size.
 */
@Repository
class DossierRecords {
    static final String STREAM_TYPE = "Dossier";

    private final EventStore eventStore;
    private final JdbcTemplate jdbc;
    private final ApplicantKeys keys;
    private final BlindIndex blindIndex;

    DossierRecords(EventStore eventStore, JdbcTemplate jdbc, ApplicantKeys keys, BlindIndex blindIndex) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.keys = keys;
        this.blindIndex = blindIndex;
    }

    /**
     * {@code actors}: the caller's sub for each receipt (null when none), kept as the event's "by" metadata;
     * {@code wrappedKeys}: each receipt's data key, wrapped, which opens its sealed applicant.
     */
    void append(List<DossierRecorded> receipts, List<String> actors, List<byte[]> wrappedKeys,
                List<Applicant> applicants) {
        if (receipts.isEmpty()) {
            return;
        }
        List<String> ids = receipts.stream().map(DossierRecorded::dossierId).toList();
        keys.insertAll(ids, wrappedKeys);
        insertRecords(receipts);
        blindIndex.indexAll(ids, applicants.stream().map(Applicant::fullName).toList(),
                applicants.stream().map(Applicant::idNumber).toList());
        // Outside an Axon unit of work the store appends at once, on the connection of the Spring transaction.
        List<GenericDomainEventMessage<DossierRecorded>> events = new ArrayList<>(receipts.size());
        for (int i = 0; i < receipts.size(); i++) {
            DossierRecorded r = receipts.get(i);
            events.add(new GenericDomainEventMessage<>(STREAM_TYPE, r.dossierId(), 0L, r,
                    ActorMetadata.of(actors.get(i))));
        }
        eventStore.publish(events);
    }

    private void insertRecords(List<DossierRecorded> receipts) {
        jdbc.batchUpdate("""
                INSERT INTO dossier (dossier_id, code, office_id, procedure_code, field, channel, online_eligible,
                    processing_days, received_at, due_at, applicant_sealed, external_ref, recorded_at, fee,
                    online_payment, lookup_verifier)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", receipts, receipts.size(), (ps, e) -> {
            int i = 0;
            ps.setString(++i, e.dossierId());
            ps.setString(++i, e.code());
            ps.setString(++i, e.officeId());
            ps.setString(++i, e.procedureCode());
            ps.setString(++i, e.field());
            ps.setString(++i, e.channel().name());
            ps.setBoolean(++i, e.onlineEligible());
            ps.setBigDecimal(++i, e.processingDays());
            ps.setTimestamp(++i, Timestamp.from(e.receivedAt()));
            ps.setTimestamp(++i, Timestamp.from(e.dueAt()));
            ps.setBytes(++i, e.sealedApplicant());
            ps.setString(++i, e.externalRef());
            ps.setTimestamp(++i, Timestamp.from(e.recordedAt()));
            ps.setLong(++i, e.fee());
            ps.setBoolean(++i, e.onlinePayment());
            ps.setString(++i, e.lookupVerifier());
        });
        record Document(String dossierId, int position, SubmittedDocument document) {
        }
        List<Document> documents = new ArrayList<>();
        for (DossierRecorded r : receipts) {
            for (int i = 0; i < r.documents().size(); i++) {
                documents.add(new Document(r.dossierId(), i, r.documents().get(i)));
            }
        }
        if (!documents.isEmpty()) {
            jdbc.batchUpdate("""
                            INSERT INTO dossier_document (dossier_id, position, name, copies, digitised, reused)
                            VALUES (?, ?, ?, ?, ?, ?)""",
                    documents, documents.size(), (ps, d) -> {
                        ps.setString(1, d.dossierId());
                        ps.setInt(2, d.position());
                        ps.setString(3, d.document().name());
                        ps.setInt(4, d.document().copies());
                        ps.setBoolean(5, d.document().digitised());
                        ps.setBoolean(6, d.document().reused());
                    });
        }
    }
}
