package vn.motcua.intake.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code motcua.kafka.*}: where the broker is and how many partitions new contract topics get. */
@ConfigurationProperties("motcua.kafka")
public record KafkaProperties(String bootstrapServers, Integer topicPartitions) {
    public KafkaProperties {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            bootstrapServers = "localhost:59092";
        }
        if (topicPartitions == null) {
            topicPartitions = 6;
        }
    }
}
