package vn.motcua.spring.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.EventEnvelope;
import vn.motcua.kafka.ConsumerLoop;
import vn.motcua.kafka.LoopSettings;

/**
 * A Spring service's consumer of a contract topic, written once: a supervised {@link ConsumerLoop} (its status in
 * {@code /health}, its lag a gauge) started and stopped with the application context. A subclass says what a poll
 * does ({@link #process}); a failure it throws is the loop's to back off and retry from the poll's start, and a
 * {@link vn.motcua.kafka.PartialBatchException} says how far each partition got. Records are read with
 * {@link #decodeOrSkip}: a type newer than the service is skipped, as the contract says, and a record that breaks
 * the contract is logged and skipped (retrying cannot fix it; no personal data is on Kafka).
 */
public abstract class ContractConsumer implements SmartLifecycle, MeterBinder {
    private static final Logger log = LoggerFactory.getLogger(ContractConsumer.class);

    private final ConsumerLoop<String, byte[]> loop;

    /**
     * @param name     the loop's name: its thread, its {@code /health} entry and its lag gauge's tag
     * @param maxPoll  most records a poll hands to {@link #process}
     */
    protected ContractConsumer(String name, String topic, String bootstrapServers, String groupId, String clientId,
                               int maxPoll) {
        Map<String, Object> config = ConsumerLoop.consumerConfig(bootstrapServers, groupId, clientId, maxPoll);
        this.loop = new ConsumerLoop<>(name, List.of(topic),
                () -> new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer()),
                this::process, LoopSettings.defaults());
    }

    /** Handles one poll; throws to have it retried. */
    protected abstract void process(ConsumerRecords<String, byte[]> records);

    /** The record's event, or null for one to skip (an unknown type, or one that breaks the contract: logged). */
    protected static EventEnvelope decodeOrSkip(ConsumerRecord<String, byte[]> record) {
        try {
            return CloudEventsCodec.decode(record);
        } catch (CloudEventsCodec.UnknownEventTypeException e) {
            log.debug("skipping {}/{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
            return null;
        } catch (CloudEventsCodec.MalformedEventException e) {
            log.error("skipping malformed record at {}/{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return null;
        }
    }

    /** The supervised loop: its status feeds {@code /health}. */
    public ConsumerLoop<String, byte[]> loop() {
        return loop;
    }

    @Override
    public void start() {
        loop.start();
    }

    @Override
    public void stop() {
        loop.close();
    }

    @Override
    public boolean isRunning() {
        return loop.isRunning();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        loop.bindTo(registry);
    }
}
