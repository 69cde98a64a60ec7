package vn.motcua.workflow.health;

import java.time.Duration;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.motcua.spring.health.ConsumerLoopHealth;
import vn.motcua.spring.health.RelayLag;
import vn.motcua.workflow.catalogue.CatalogueConsumer;
import vn.motcua.workflow.kafka.IntakeConsumer;
import vn.motcua.workflow.kafka.KafkaPublishingHandler;

/**
 * What {@code /health} adds to the database check: each Kafka consumer ({@code intakeConsumer},
 * {@code catalogueConsumer}: DOWN when stopped, failing for longer than {@code motcua.health.consumer-failing-for}
 * or without a poll for {@code motcua.health.consumer-stuck-after}) and the relay to Kafka ({@code kafkaPublisher}:
 * DOWN while its processor is in error; its lag behind the event store is the gauge {@code motcua.relay.lag}).
 * The consumers' lag per partition is {@code motcua.consumer.lag} (each consumer binds its own meters).
 */
@Configuration(proxyBeanMethods = false)
public class HealthConfig {

    @Bean
    @ConditionalOnProperty(name = "motcua.kafka.consumer-enabled", havingValue = "true", matchIfMissing = true)
    public ConsumerLoopHealth intakeConsumerHealthIndicator(IntakeConsumer consumer,
            @Value("${motcua.health.consumer-failing-for:10s}") Duration failingFor,
            @Value("${motcua.health.consumer-stuck-after:2m}") Duration stuckAfter) {
        return new ConsumerLoopHealth(consumer.loop(), failingFor, stuckAfter);
    }

    @Bean
    @ConditionalOnProperty(name = "motcua.kafka.catalogue-enabled", havingValue = "true", matchIfMissing = true)
    public ConsumerLoopHealth catalogueConsumerHealthIndicator(CatalogueConsumer consumer,
            @Value("${motcua.health.consumer-failing-for:10s}") Duration failingFor,
            @Value("${motcua.health.consumer-stuck-after:2m}") Duration stuckAfter) {
        return new ConsumerLoopHealth(consumer.loop(), failingFor, stuckAfter);
    }

    @Bean
    public RelayLag kafkaPublisherHealthIndicator(EventProcessingConfiguration processing, EventStore store) {
        return new RelayLag(processing, store, KafkaPublishingHandler.GROUP);
    }
}
