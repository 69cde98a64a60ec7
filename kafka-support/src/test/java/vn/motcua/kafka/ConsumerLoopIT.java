package vn.motcua.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.motcua.infra.Infrastructure;

/**
 * The loop's state machine on a real broker (motcua-infra's in-process Kafka): every failure backs off and is
 * retried, the records come again, the offsets are committed once handled, and the status and lag tell the truth.
 */
class ConsumerLoopIT {
    private static final LoopSettings FAST = LoopSettings.defaults()
            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(400))
            .withBrokerTimeout(Duration.ofSeconds(2))
            .withLagInterval(Duration.ofMillis(200));

    private final List<ConsumerLoop<String, String>> loops = new ArrayList<>();

    @AfterEach
    void closeLoops() {
        loops.forEach(ConsumerLoop::close);
    }

    @Test
    void aFailingHandlerIsRetriedUntilItSucceedsAndTheThreadNeverEnds() throws Exception {
        String topic = topic(1);
        send(topic, "a", "b", "c");
        AtomicInteger attempts = new AtomicInteger();
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        ConsumerLoop<String, String> loop = loop("failing-handler", topic, records -> {
            if (attempts.incrementAndGet() <= 3) {
                throw new IllegalStateException("database down (attempt " + attempts.get() + ")");
            }
            records.forEach(r -> handled.add(r.value()));
        });
        loop.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 3);
        assertThat(handled).containsExactly("a", "b", "c");
        await().atMost(Duration.ofSeconds(10)).until(() -> committed(loop.name(), topic, 0) == 3);
        LoopStatus status = loop.status();
        assertThat(status.state()).isEqualTo(LoopState.RUNNING);
        assertThat(status.failures()).isEqualTo(3);
        assertThat(status.failingSince()).isNull();
        assertThat(loop.isRunning()).isTrue();
    }

    @Test
    void aFailedCommitReplacesTheConsumerRedeliversAndRecovers() throws Exception {
        String topic = topic(2);
        ConsumerLoop<String, String> loop = null;
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        loop = loop("failing-commit", topic, records -> records.forEach(r -> handled.add(r.value())));
        loop.failCommits(true);
        loop.start();
        send(topic, "x", "y");

        ConsumerLoop<String, String> l = loop;
        await().atMost(Duration.ofSeconds(30)).until(() -> l.status().failures() >= 3);
        LoopStatus failing = loop.status();
        assertThat(failing.state()).isEqualTo(LoopState.BACKING_OFF);
        assertThat(failing.lastError()).contains("fault injected");
        Instant since = failing.failingSince();
        assertThat(since).isNotNull();
        // Redelivered at every new consumer: handled more than once, and the run of failures keeps its start.
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() >= 4);
        assertThat(loop.status().failingSince()).isEqualTo(since);
        assertThat(loop.status().failingLongerThan(Duration.ZERO, Instant.now())).isTrue();

        loop.failCommits(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> l.status().state() == LoopState.RUNNING);
        assertThat(committed(loop.name(), topic, 0) + committed(loop.name(), topic, 1)).isEqualTo(2);
        assertThat(handled).contains("x", "y");
        assertThat(loop.status().lastError()).isNull();
    }

    @Test
    void aPartialBatchCommitsItsProgressAndRedeliversOnlyTheRest() throws Exception {
        String topic = topic(1);
        send(topic, "1", "2", "3", "4");
        AtomicBoolean failOnce = new AtomicBoolean(true);
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        ConsumerLoop<String, String> loop = loop("partial", topic, records -> {
            for (ConsumerRecord<String, String> r : records) {
                if (r.value().equals("3") && failOnce.getAndSet(false)) {
                    throw new PartialBatchException(Map.of(new TopicPartition(r.topic(), r.partition()),
                            new OffsetAndMetadata(r.offset())), new IllegalStateException("record 3 failed"));
                }
                handled.add(r.value());
            }
        });
        loop.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> committed(loop.name(), topic, 0) == 4);
        assertThat(handled).containsExactly("1", "2", "3", "4");
        assertThat(loop.status().failures()).isEqualTo(1);
    }

    @Test
    void lagPerPartitionIsAGaugeAndABlockedHandlerLooksStuck() throws Exception {
        String topic = topic(1);
        send(topic, "1", "2", "3", "4", "5");
        CountDownLatch release = new CountDownLatch(1);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ConsumerLoop<String, String> loop = new ConsumerLoop<>("lagging", List.of(topic),
                () -> consumer("lagging", 2), records -> release.await(), FAST);
        loops.add(loop);
        loop.bindTo(registry);
        loop.start();

        await().atMost(Duration.ofSeconds(30))
                .until(() -> loop.status().stuckLongerThan(Duration.ofSeconds(1), loop.startedAt(), Instant.now()));
        release.countDown();
        await().atMost(Duration.ofSeconds(30)).until(() -> lag(registry, topic) == 0.0);
        assertThat(loop.status().lag()).isZero();
        assertThat(loop.status().stuckLongerThan(Duration.ofSeconds(1), loop.startedAt(), Instant.now())).isFalse();
        assertThat(registry.get(ConsumerLoop.FAILURES_METER).tag("consumer", "lagging").functionCounter().count())
                .isZero();
    }

    @Test
    void lagCountsWhatIsNotHandledYet() throws Exception {
        String topic = topic(1);
        send(topic, "1", "2", "3");
        AtomicBoolean fail = new AtomicBoolean(true);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ConsumerLoop<String, String> loop = loop("behind", topic, records -> {
            if (fail.get()) {
                throw new IllegalStateException("not yet");
            }
        });
        loop.bindTo(registry);
        loop.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> lag(registry, topic) == 3.0);
        fail.set(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> lag(registry, topic) == 0.0);
    }

    @Test
    void anUnreachableBrokerIsAFailureLikeAnyOtherAndTheLoopKeepsTrying() throws Exception {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        String bootstrap = "127.0.0.1:" + deadPort;
        ConsumerLoop<String, String> loop = new ConsumerLoop<>("no-broker", List.of("nowhere"),
                () -> new KafkaConsumer<>(ConsumerLoop.consumerConfig(bootstrap, "no-broker", "no-broker", 10),
                        new StringDeserializer(), new StringDeserializer()),
                records -> { }, LoopSettings.defaults().withBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .withBrokerTimeout(Duration.ofMillis(500)).withLagInterval(Duration.ofMillis(100)));
        loops.add(loop);
        loop.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> loop.status().failures() >= 3);
        assertThat(loop.status().state()).isEqualTo(LoopState.BACKING_OFF);
        assertThat(loop.status().lastError()).contains("Timeout");
        assertThat(loop.isRunning()).isTrue();

        loop.close();
        assertThat(loop.status().state()).isEqualTo(LoopState.STOPPED);
        assertThat(loop.status().stuckLongerThan(Duration.ZERO, loop.startedAt(), Instant.now())).isFalse();
    }

    @Test
    void theBeforePollHookRunsOnTheLoopThreadAndCanMoveThePositions() throws Exception {
        String topic = topic(1);
        send(topic, "a", "b", "c");
        TopicPartition partition = new TopicPartition(topic, 0);
        List<String> handled = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger rewindTo = new AtomicInteger(-1);
        AtomicBoolean failOnce = new AtomicBoolean();
        List<String> hookThreads = Collections.synchronizedList(new ArrayList<>());
        String group = "hook-" + UUID.randomUUID();
        // Offsets kept by the "handler" (here: nowhere; Kafka's commits are off), positions moved by the hook: what
        // reporting's projector does after a rebuild swapped its tables.
        LoopSettings settings = FAST.withOwnOffsets(c -> new NoOpListener()).withBeforePoll(c -> {
            hookThreads.add(Thread.currentThread().getName());
            if (failOnce.getAndSet(false)) {
                throw new IllegalStateException("positions unreadable");
            }
            int to = rewindTo.getAndSet(-1);
            if (to >= 0) {
                c.seek(partition, to);
            }
        });
        ConsumerLoop<String, String> loop = new ConsumerLoop<>(group, List.of(topic), () -> consumer(group, 10),
                records -> records.forEach(r -> handled.add(r.value())), settings);
        loops.add(loop);
        loop.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 3);

        rewindTo.set(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 5);
        assertThat(handled).containsExactly("a", "b", "c", "b", "c");
        assertThat(hookThreads).isNotEmpty().allMatch(group::equals);
        assertThat(committed(group, topic, 0)).isZero(); // own offsets: nothing committed to Kafka

        failOnce.set(true); // a throwing hook is a failure like any other: retried with a new consumer
        await().atMost(Duration.ofSeconds(30)).until(() -> loop.status().failures() >= 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> loop.status().state() == LoopState.RUNNING);
        assertThat(loop.isRunning()).isTrue();
    }

    private static final class NoOpListener implements org.apache.kafka.clients.consumer.ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
        }
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private ConsumerLoop<String, String> loop(String name, String topic, BatchHandler<String, String> handler) {
        String group = name + "-" + UUID.randomUUID();
        ConsumerLoop<String, String> loop = new ConsumerLoop<>(group, List.of(topic), () -> consumer(group, 2),
                handler, FAST);
        loops.add(loop);
        return loop;
    }

    private static KafkaConsumer<String, String> consumer(String group, int maxPollRecords) {
        return new KafkaConsumer<>(ConsumerLoop.consumerConfig(Infrastructure.shared().bootstrapServers(), group,
                group, maxPollRecords), new StringDeserializer(), new StringDeserializer());
    }

    private static String topic(int partitions) {
        String topic = "loop-test-" + UUID.randomUUID();
        Infrastructure.shared().createTopics(partitions, topic);
        return topic;
    }

    private static void send(String topic, String... values) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, Infrastructure.shared().bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                // One key: one partition, so the order is the log's.
                producer.send(new ProducerRecord<>(topic, "k", value)).get();
            }
        }
    }

    private static long committed(String group, String topic, int partition) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                Infrastructure.shared().bootstrapServers()))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic, partition));
            return offset == null ? 0 : offset.offset();
        }
    }

    private static double lag(SimpleMeterRegistry registry, String topic) {
        Gauge gauge = registry.find(ConsumerLoop.LAG_METER).tag("topic", topic).tag("partition", "0").gauge();
        return gauge == null ? Double.NaN : gauge.value();
    }

}
