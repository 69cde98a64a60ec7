package vn.motcua.workflow.kafka;

import vn.motcua.spring.kafka.ContractConsumer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.events.Topics;
import vn.motcua.events.DossierCancelled;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.EventEnvelope;
import vn.motcua.kafka.ConsumerLoop;
import vn.motcua.kafka.PartialBatchException;
import vn.motcua.workflow.dossier.Commands.CancelDossier;
import vn.motcua.workflow.dossier.Commands.OpenDossier;
import vn.motcua.workflow.dossier.DossierOpening;

/**
 * Reads {@code motcua.dossier.intake.v1}: opens the received dossiers, follows corrected
 * receipts (DossierReceived revision n+1: the dossier decides whether it still applies) and cancellations
 * (DossierCancelled). Intake keys every record by dossier id, so a dossier's receipt, corrections and
 * cancellation arrive in the order intake published them, and a batch keeps that order. A polled batch is
 * opened in ONE transaction ({@link DossierOpening}: the new dossiers' first events appended in one batch without
 * loading anything, their rows written in JDBC batches, the rest through the aggregate; one durable commit). At least once: it runs on a supervised {@link ConsumerLoop}, which commits the offsets
 * only after that transaction committed; a redelivery, or the same receipt twice in one batch, is harmless because
 * opening is idempotent (a dossier whose stream exists goes to the aggregate, whose second {@code OpenDossier}
 * finds it opened and records nothing). If the batch fails, its records are opened one by one, so one bad record cannot block the others; a
 * record that fails (database down) stops its partition there: what was opened is committed and the rest is
 * retried from that offset after a back-off. A record that can never be read is logged and skipped. Any other
 * failure (a commit refused, the broker gone) is the loop's: it backs off, replaces the consumer and carries on,
 * so this consumer never ends before the service does.
 */
public class IntakeConsumer extends ContractConsumer {
    private static final Logger log = LoggerFactory.getLogger(IntakeConsumer.class);

    private final CommandGateway commands;
    private final DossierOpening opening;

    public IntakeConsumer(KafkaSettings settings, CommandGateway commands, DossierOpening opening) {
        // A new group reads intake from the beginning: every received dossier must be opened.
        super("intake-consumer", Topics.DOSSIER_INTAKE, settings.bootstrapServers(), settings.groupId(),
                settings.groupId() + "-intake", 200);
        this.commands = commands;
        this.opening = opening;
    }


    /** Start after Axon's processors and the web server's dependencies; stop before them. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** The whole poll in one transaction; if that fails, record by record. */
    @Override
    protected void process(ConsumerRecords<String, byte[]> records) {
        if (!processBatch(records)) {
            processAll(records);
        }
    }

    /** Opens every dossier of the poll in one transaction; false (nothing recorded) if the batch failed. */
    private boolean processBatch(ConsumerRecords<String, byte[]> records) {
        List<Object> opens = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            Object open = toCommand(record);
            if (open != null) {
                opens.add(open);
            }
        }
        if (!opens.isEmpty()) {
            try {
                opening.openAll(opens);
            } catch (RuntimeException e) {
                log.info("could not open {} dossier(s) in one transaction, going one by one: {}", opens.size(),
                        e.toString());
                return false;
            }
        }
        return true;
    }

    /**
     * Handles the poll record by record, partition by partition; a failed record ends its partition's turn and
     * the loop is told how far each partition got.
     */
    private void processAll(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
        RuntimeException failure = null;
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                try {
                    handle(record);
                    done.put(partition, new OffsetAndMetadata(record.offset() + 1));
                } catch (RuntimeException e) {
                    log.warn("could not open dossier from {}/{}@{}, will retry: {}", record.topic(),
                            record.partition(), record.offset(), e.toString());
                    failure = e;
                    break;
                }
            }
        }
        if (failure != null) {
            throw new PartialBatchException(done, failure);
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        Object open = toCommand(record);
        if (open != null) {
            commands.sendAndWait(open);
        }
    }

    /** The command a record asks for, or null for a record to skip (logged). */
    private Object toCommand(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = decodeOrSkip(record);
        if (envelope == null) {
            return null;
        }
        if (envelope.data() instanceof DossierReceived received) {
            return new OpenDossier(received.dossierId(), received.officeId(), received.procedureCode(),
                    received.processingDays(), received.receivedAt(), received.dueAt(), received.code(),
                    received.field(), received.channel(), received.fee(), received.onlinePayment(),
                    received.revision(), received.externalRef(), received.lookupVerifier());
        }
        if (envelope.data() instanceof DossierCancelled cancelled) {
            return new CancelDossier(cancelled.dossierId(), cancelled.officeId(), cancelled.reason(),
                    cancelled.cancelledAt());
        }
        log.info("skipping {} on {}: not handled here", envelope.type().ceType(), record.topic());
        return null;
    }
}
