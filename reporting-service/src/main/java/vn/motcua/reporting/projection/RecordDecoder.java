package vn.motcua.reporting.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.EventEnvelope;

/**
 * What reporting does with a record it cannot count (live projector, catch-up, incremental replay and bulk rebuild
 * alike): decoded by the one codec ({@link CloudEventsCodec#decode}, fast for the producers' own shape), skipped when
 * its type is newer than this service or it breaks the contract.
 */
public final class RecordDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(RecordDecoder.class);

    private RecordDecoder() {
    }

    /**
     * The envelope, or null for a record to skip: a type a newer producer added (not ours to count) or a malformed
     * record (logged by its coordinates only: the value might hold data that must not reach the logs).
     */
    public static EventEnvelope decodeOrSkip(ConsumerRecord<String, byte[]> record) {
        try {
            return CloudEventsCodec.decode(record);
        } catch (CloudEventsCodec.UnknownEventTypeException e) {
            return null;
        } catch (CloudEventsCodec.MalformedEventException e) {
            LOG.warn("skipping malformed event at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return null;
        }
    }
}
