package vn.motcua.kafka;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A supervised Kafka consumer: poll, handle, commit, on a thread of its own, for as long as the service runs.
 *
 * <p>A failure of any kind (the handler throws, a commit fails, the broker stops answering within
 * {@link LoopSettings#brokerTimeout()}) is logged, paused on (exponential back-off with a cap) and retried; the
 * thread ends only on {@link #close()}. At least once: a poll whose handler failed is rewound to its first record
 * (after committing a {@link PartialBatchException}'s progress) and delivered again; after a failure of the
 * consumer itself (commit, broker) the consumer is closed and a new one created, which starts again from the
 * committed offsets. Handlers must be idempotent.
 *
 * <p>It shows how it is doing: {@link #status()} (state, the current run of failures, when a poll last
 * returned), and, once {@link #bindTo bound} to a registry, the gauge {@value #LAG_METER} per partition (end
 * offset minus position; tags {@code consumer}, {@code topic}, {@code partition}; NaN for a partition no longer
 * assigned here) and the counter {@value #FAILURES_METER}.
 *
 * <p>Over 300 lines on purpose: the supervision cycle (poll, handle, commit, back off, recreate) and the health and lag
 * it reports read the same state; split, that state would cross classes.
 */
public final class ConsumerLoop<K, V> implements AutoCloseable, MeterBinder {
    public static final String LAG_METER = "motcua.consumer.lag";
    public static final String FAILURES_METER = "motcua.consumer.failures";
    private static final Logger log = LoggerFactory.getLogger(ConsumerLoop.class);
    /** How long a new consumer may go without partitions before its idleness counts as health. */
    private static final Duration SETTLE = Duration.ofSeconds(15);

    private final String name;
    private final List<String> topics;
    private final Supplier<? extends Consumer<K, V>> factory;
    private final BatchHandler<K, V> handler;
    private final LoopSettings settings;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final Map<TopicPartition, LagCell> lags = new ConcurrentHashMap<>();

    private volatile boolean closing;
    private volatile Consumer<K, V> consumer;
    private volatile Thread thread;
    private volatile MeterRegistry registry;
    private volatile boolean failCommits;

    private volatile LoopState state = LoopState.STOPPED;
    private volatile Instant startedAt;
    private volatile Instant failingSince;
    private volatile String lastError;
    private volatile long failures;
    private volatile Instant lastPoll;
    private volatile long totalLag = -1;

    /**
     * @param name    names the thread, the log lines and the metrics' {@code consumer} tag
     * @param topics  what to subscribe to
     * @param factory makes a consumer (auto-commit off: see {@link #consumerConfig}); called again after a failure
     * @param handler what to do with each poll
     */
    public ConsumerLoop(String name, List<String> topics, Supplier<? extends Consumer<K, V>> factory,
                        BatchHandler<K, V> handler, LoopSettings settings) {
        this.name = name;
        this.topics = List.copyOf(topics);
        this.factory = factory;
        this.handler = handler;
        this.settings = settings;
    }

    /**
     * The consumer settings every loop needs: the group, auto-commit off (the loop commits after the handler), a
     * new group reads from the earliest offset.
     */
    public static Map<String, Object> consumerConfig(String bootstrapServers, String groupId, String clientId,
                                                     int maxPollRecords) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        return config;
    }

    public String name() {
        return name;
    }

    /** Starts the thread (once; later calls do nothing). */
    public synchronized void start() {
        if (thread != null || closing) {
            return;
        }
        startedAt = Instant.now();
        state = LoopState.RUNNING;
        Thread t = new Thread(this::run, name);
        thread = t;
        t.start();
    }

    /** Stops for good: wakes the consumer, waits up to 15 s for the thread to finish its poll and close it. */
    @Override
    public void close() {
        closing = true;
        closed.countDown();
        Consumer<K, V> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        state = LoopState.STOPPED;
    }

    public boolean isRunning() {
        return thread != null && !closing;
    }

    public LoopStatus status() {
        return new LoopStatus(name, state, failingSince, lastError, failures, lastPoll, totalLag);
    }

    /** When {@link #start()} was called (the reference for "stuck" before the first poll); null before. */
    public Instant startedAt() {
        return startedAt;
    }

    /**
     * Fault injection for tests on a real broker: while on, every commit fails as a broker's refusal would
     * (a {@link KafkaException}), so the loop's recovery can be watched end to end.
     */
    public void failCommits(boolean on) {
        failCommits = on;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        FunctionCounter.builder(FAILURES_METER, this, loop -> loop.failures).tag("consumer", name)
                .description("failures of the consumer loop (each one logged, backed off and retried)")
                .register(registry);
        lags.forEach((partition, cell) -> register(registry, partition, cell));
    }

    private void run() {
        Backoff backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        while (!closing) {
            Consumer<K, V> c = null;
            try {
                c = factory.get();
                consumer = c;
                if (closing) {
                    break;
                }
                subscribe(c);
                pollUntilFailure(c, backoff);
            } catch (WakeupException | InterruptException e) {
                if (!closing) {
                    failed(e);
                }
            } catch (Throwable e) { // anything at all: the loop must outlive it
                failed(e);
            } finally {
                consumer = null;
                closeQuietly(c);
            }
            if (!closing) {
                pause(backoff.next());
            }
        }
        state = LoopState.STOPPED;
        log.info("{}: stopped", name);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void subscribe(Consumer<K, V> c) {
        if (settings.rebalanceListener() != null) {
            c.subscribe(topics, settings.rebalanceListener().apply((Consumer) c));
        } else {
            c.subscribe(topics);
        }
    }

    /**
     * Polls with one consumer until the consumer itself fails (returns by throwing). A handler's failure is dealt
     * with here: rewind, pause, poll again with the same consumer.
     */
    private void pollUntilFailure(Consumer<K, V> c, Backoff backoff) {
        long nextLagCheck = 0;
        long created = System.nanoTime();
        while (!closing) {
            if (settings.beforePoll() != null) {
                beforePoll(c);
            }
            ConsumerRecords<K, V> records = c.poll(settings.pollTimeout());
            lastPoll = Instant.now();
            if (!records.isEmpty()) {
                Map<TopicPartition, OffsetAndMetadata> done = handle(c, records);
                if (done == null) {
                    pause(backoff.next());
                } else {
                    commit(c, done);
                    succeeded(backoff);
                }
            }
            if (System.nanoTime() - nextLagCheck >= 0) {
                nextLagCheck = System.nanoTime() + settings.lagInterval().toNanos();
                long lag = measureLag(c);
                // Nothing pending and the broker answers: any past failure is over. With no partitions assigned,
                // only once the new consumer has had time to join its group (else a fresh consumer would look
                // recovered before it even saw the records that failed).
                if (records.isEmpty() && (lag == 0
                        || (lag < 0 && System.nanoTime() - created > SETTLE.toNanos()))) {
                    succeeded(backoff);
                }
            }
        }
    }

    /** The settings' hook; whatever it throws ends this consumer (the loop replaces it), as a commit failure. */
    private void beforePoll(Consumer<K, V> c) {
        try {
            settings.beforePoll().beforePoll(c);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("the before-poll hook failed", e);
        }
    }

    /**
     * Runs the handler; returns the offsets to commit, or null if it failed (the poll is then rewound so its
     * records come again, after committing whatever part it finished).
     */
    private Map<TopicPartition, OffsetAndMetadata> handle(Consumer<K, V> c, ConsumerRecords<K, V> records) {
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        Map<TopicPartition, Long> first = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<K, V>> list = records.records(partition);
            first.put(partition, list.get(0).offset());
            next.put(partition, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        try {
            handler.handle(records);
            return next;
        } catch (Exception e) {
            Map<TopicPartition, OffsetAndMetadata> done = e instanceof PartialBatchException partial
                    ? partial.done() : Map.of();
            failed(e instanceof PartialBatchException ? e.getCause() : e);
            if (!done.isEmpty()) {
                commit(c, done); // throws on failure: then the consumer is replaced and the committed offsets rule
            }
            first.forEach((partition, offset) -> {
                OffsetAndMetadata progressed = done.get(partition);
                c.seek(partition, progressed != null ? progressed.offset() : offset);
            });
            return null;
        }
    }

    private void commit(Consumer<K, V> c, Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (!settings.commitOffsets()) {
            return;
        }
        if (failCommits) {
            throw new KafkaException("commit refused (fault injected by a test)");
        }
        c.commitSync(offsets, settings.brokerTimeout());
    }

    /** Measures the lag of every assigned partition (a broker round trip); the total, -1 with none assigned. */
    private long measureLag(Consumer<K, V> c) {
        Set<TopicPartition> assigned = c.assignment();
        if (assigned.isEmpty()) {
            // Nothing assigned (yet, or another instance holds it all): still prove the broker answers.
            c.partitionsFor(topics.get(0), settings.brokerTimeout());
            lags.values().forEach(cell -> cell.value = Double.NaN);
            totalLag = 0;
            return -1;
        }
        Map<TopicPartition, Long> ends = c.endOffsets(assigned, settings.brokerTimeout());
        long total = 0;
        for (TopicPartition partition : assigned) {
            long lag = Math.max(0, ends.getOrDefault(partition, 0L) - c.position(partition, settings.brokerTimeout()));
            total += lag;
            cell(partition).value = lag;
        }
        lags.forEach((partition, cell) -> {
            if (!assigned.contains(partition)) {
                cell.value = Double.NaN;
            }
        });
        totalLag = total;
        return total;
    }

    private LagCell cell(TopicPartition partition) {
        return lags.computeIfAbsent(partition, p -> {
            LagCell cell = new LagCell();
            MeterRegistry r = registry;
            if (r != null) {
                register(r, p, cell);
            }
            return cell;
        });
    }

    private void register(MeterRegistry r, TopicPartition partition, LagCell cell) {
        Gauge.builder(LAG_METER, cell, x -> x.value).strongReference(true)
                .tags("consumer", name, "topic", partition.topic(), "partition",
                        Integer.toString(partition.partition()))
                .description("records of the partition not yet handled by this consumer (end offset - position)")
                .register(r);
    }

    private void succeeded(Backoff backoff) {
        if (state == LoopState.BACKING_OFF) {
            log.info("{}: recovered after failing since {}", name, failingSince);
        }
        backoff.reset();
        state = LoopState.RUNNING;
        failingSince = null;
        lastError = null;
    }

    private void failed(Throwable e) {
        failures++;
        lastError = e.getClass().getName() + ": " + e.getMessage();
        if (state != LoopState.BACKING_OFF) {
            failingSince = Instant.now();
            state = LoopState.BACKING_OFF;
            log.error("{}: failed, backing off and retrying", name, e);
        } else {
            log.warn("{}: still failing (since {}): {}", name, failingSince, e.toString());
        }
    }

    private void pause(Duration pause) {
        try {
            closed.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        }
    }

    private void closeQuietly(Consumer<K, V> c) {
        if (c == null) {
            return;
        }
        try {
            c.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            log.debug("{}: closing the consumer failed: {}", name, e.toString());
        }
    }

    private static final class LagCell {
        volatile double value = Double.NaN;
    }
}
