package vn.motcua.intake.kafka;

import vn.motcua.spring.kafka.ContractConsumer;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.DossierWithdrawn;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.ResultReturned;
import vn.motcua.events.Topics;
import vn.motcua.kafka.ConsumerLoop;

/**
 * Learns from {@code motcua.dossier.workflow.v1} which dossiers are settled (resolved, returned or withdrawn): their
 * procedure can no longer be corrected and they cannot be cancelled. Its own consumer group, on a supervised
 * {@link ConsumerLoop}, at least once: offsets are committed after the poll's rows are written, and writing is
 * idempotent (one row per dossier, the first wins); a failed write, commit or broker call is retried after a
 * back-off, the thread never ends before the service. Every other workflow event, and any type newer than this
 * service, is skipped.
 */
@Component
public class WorkflowOutcomeConsumer extends ContractConsumer {
    private static final Logger log = LoggerFactory.getLogger(WorkflowOutcomeConsumer.class);

    private final JdbcTemplate jdbc;

    WorkflowOutcomeConsumer(KafkaProperties properties, JdbcTemplate jdbc,
                            @Value("${motcua.intake.workflow-consumer-group:intake-service.settled}") String groupId) {
        super("workflow-outcome-consumer", Topics.DOSSIER_WORKFLOW, properties.bootstrapServers(), groupId, groupId,
                500);
        this.jdbc = jdbc;
    }

    private record Settled(String dossierId, String type, Instant at) {
    }


    /** Writes the poll's settled dossiers; a failure goes to the loop, which rewinds and retries. */
    @Override
    protected void process(ConsumerRecords<String, byte[]> records) {
        List<Settled> settled = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Settled s = settled(record);
            if (s != null) {
                settled.add(s);
            }
        }
        if (!settled.isEmpty()) {
            jdbc.batchUpdate("""
                            INSERT INTO dossier_settled (dossier_id, event_type, settled_at) VALUES (?, ?, ?)
                            ON CONFLICT (dossier_id) DO NOTHING""", settled, settled.size(), (ps, s) -> {
                        ps.setString(1, s.dossierId());
                        ps.setString(2, s.type());
                        ps.setTimestamp(3, Timestamp.from(s.at()));
                    });
        }
    }

    private static Settled settled(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = decodeOrSkip(record);
        if (envelope == null) {
            return null;
        }
        Object data = envelope.data();
        Instant at = envelope.time() == null ? Instant.now() : envelope.time();
        if (data instanceof DossierResolved e) {
            return new Settled(e.dossierId(), "DossierResolved", at);
        }
        if (data instanceof ResultReturned e) {
            return new Settled(e.dossierId(), "ResultReturned", at);
        }
        if (data instanceof DossierWithdrawn e) {
            return new Settled(e.dossierId(), "DossierWithdrawn", at);
        }
        return null;
    }
}
