package vn.motcua.reporting.projection;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** {@code motcua.kafka.*}: where the broker is and which consumer group this service joins. */
@ConfigurationProperties("motcua.kafka")
public record KafkaSettings(
        @Bindable(defaultValue = "localhost:59092") String bootstrapServers,
        @Bindable(defaultValue = "reporting-service") String groupId,
        @Bindable(defaultValue = "6") int partitions) {
}
