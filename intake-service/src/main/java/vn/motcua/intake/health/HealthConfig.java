package vn.motcua.intake.health;

import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.motcua.intake.kafka.WorkflowOutcomeConsumer;
import vn.motcua.spring.health.ConsumerLoopHealth;
import vn.motcua.spring.health.RelayLag;

/**
 * What {@code /health} adds to the database check: the consumer of {@code motcua.dossier.workflow.v1}
 * ({@code workflowOutcomeConsumer}: DOWN when stopped, failing for longer than
 * {@code motcua.health.consumer-failing-for} or without a poll for {@code motcua.health.consumer-stuck-after}; its
 * lag per partition is {@code motcua.consumer.lag}) and the relay of the contract events to Kafka
 * ({@code kafkaRelay}: DOWN while its processor is in error; how far it trails the event store is the gauge
 * {@code motcua.relay.lag}).
 */
@Configuration(proxyBeanMethods = false)
public class HealthConfig {
    /** The processing group of {@code ContractEventRelay}. */
    static final String RELAY = "kafka-relay";

    @Bean
    public ConsumerLoopHealth workflowOutcomeConsumerHealthIndicator(WorkflowOutcomeConsumer consumer,
            @Value("${motcua.health.consumer-failing-for:10s}") Duration failingFor,
            @Value("${motcua.health.consumer-stuck-after:2m}") Duration stuckAfter) {
        return new ConsumerLoopHealth(consumer.loop(), failingFor, stuckAfter);
    }

    @Bean
    public RelayLag kafkaRelayHealthIndicator(EventProcessingConfiguration processing, EventStore store) {
        return new RelayLag(processing, store, RELAY);
    }
}
