package vn.motcua.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KafkaBrokerIT {

    private static final String TOPIC = "case-events";
    private static final String GROUP = "reporting";

    @Test
    void producesConsumesAndKeepsOffsetsAcrossRestart(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("kafka");
        try (KafkaBroker broker = KafkaBroker.start(new KafkaOptions(dataDir, 0))) {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            broker.createTopics(3, TOPIC);
            broker.createTopics(3, TOPIC); // idempotent

            try (KafkaProducer<String, String> producer = producer(broker)) {
                List<Future<?>> sent = new java.util.ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    sent.add(producer.send(new ProducerRecord<>(TOPIC, "case-" + i, "event-" + i)));
                }
                producer.flush();
                for (Future<?> f : sent) {
                    f.get();
                }
            }

            Set<String> seen = new HashSet<>();
            try (KafkaConsumer<String, String> consumer = consumer(broker)) {
                consumer.subscribe(List.of(TOPIC));
                await().atMost(Duration.ofSeconds(30)).until(() -> {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        seen.add(r.value());
                    }
                    return seen.size() >= 100;
                });
                consumer.commitSync();
            }
            assertThat(seen).hasSize(100).contains("event-0", "event-99");
            assertThat(committed(broker)).isEqualTo(100);
        }

        // Restart on the same data dir: the topic and the group's committed offsets are still there.
        try (KafkaBroker broker = KafkaBroker.start(new KafkaOptions(dataDir, 0))) {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> committed(broker) == 100);
            try (Admin admin = admin(broker)) {
                TopicDescription d = admin.describeTopics(List.of(TOPIC)).allTopicNames().get().get(TOPIC);
                assertThat(d.partitions()).hasSize(3);
            }
            broker.createTopics(3, TOPIC); // still idempotent after restart
        }
    }

    @Test
    void autoCreatesTopicsWithThreePartitions() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(KafkaOptions.ephemeral());
             KafkaProducer<String, String> producer = producer(broker)) {
            producer.send(new ProducerRecord<>("auto-created", "k", "v")).get();
            try (Admin admin = admin(broker)) {
                assertThat(admin.describeTopics(List.of("auto-created")).allTopicNames().get()
                        .get("auto-created").partitions()).hasSize(3);
            }
        }
    }

    private static long committed(KafkaBroker broker) throws Exception {
        try (Admin admin = admin(broker)) {
            Map<TopicPartition, OffsetAndMetadata> offsets =
                    admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
            return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private static Admin admin(KafkaBroker broker) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()));
    }

    private static KafkaProducer<String, String> producer(KafkaBroker broker) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    private static KafkaConsumer<String, String> consumer(KafkaBroker broker) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
    }
}
