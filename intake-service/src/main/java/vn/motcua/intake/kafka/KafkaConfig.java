package vn.motcua.intake.kafka;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.motcua.events.KafkaEventPublisher;
import vn.motcua.events.TopicProvisioner;

/** The Kafka producer of the contract events; the contract topics exist before the first event is relayed. */
@Configuration(proxyBeanMethods = false)
class KafkaConfig {
    @Bean(destroyMethod = "close")
    KafkaEventPublisher kafkaEventPublisher(KafkaProperties properties) {
        TopicProvisioner.ensureContractTopics(properties.bootstrapServers(), properties.topicPartitions());
        return new KafkaEventPublisher(properties.bootstrapServers(), "intake-service");
    }
}
