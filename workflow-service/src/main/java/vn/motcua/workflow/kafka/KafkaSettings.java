package vn.motcua.workflow.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code motcua.kafka.*}: where the broker is and how this service uses it.
 *
 * @param bootstrapServers broker list (default localhost:59092, the local stack's broker)
 * @param groupId          consumer group of the intake consumer
 * @param topicPartitions  partitions of the contract topics when this service creates them
 * @param consumerEnabled  whether to consume {@code motcua.dossier.intake.v1}
 */
@ConfigurationProperties("motcua.kafka")
public record KafkaSettings(String bootstrapServers, String groupId, Integer topicPartitions,
                            Boolean consumerEnabled) {
    public KafkaSettings {
        bootstrapServers = bootstrapServers == null ? "localhost:59092" : bootstrapServers;
        groupId = groupId == null ? "workflow-service" : groupId;
        topicPartitions = topicPartitions == null ? 6 : topicPartitions;
        consumerEnabled = consumerEnabled == null || consumerEnabled;
    }
}
