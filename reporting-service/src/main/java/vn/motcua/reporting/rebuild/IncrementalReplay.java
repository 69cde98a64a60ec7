package vn.motcua.reporting.rebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.reporting.projection.ProjectionStore;
import vn.motcua.reporting.timing.StageTimers;

/**
 * The incremental path of a rebuild (no assumption on keys; the bulk path's fallback, or
 * {@code motcua.rebuild.bulk=false}): every batch from the beginning through the live writers (upserts, ce_id
 * claims), facts only (the job derives the counters once at the end). Two threads: this one polls and decodes
 * batch n+1 while a writer thread writes batch n (one transaction per batch, in poll order, each with its own
 * offsets: a crash leaves a prefix).
 */
final class IncrementalReplay {
    private static final Logger LOG = LoggerFactory.getLogger(IncrementalReplay.class);

    private final ProjectionStore store;
    private final Duration pollTimeout;
    private final BooleanSupplier cancelled;
    private final StageTimers timers;

    IncrementalReplay(ProjectionStore store, Duration pollTimeout, BooleanSupplier cancelled) {
        this.store = store;
        this.pollTimeout = pollTimeout;
        this.cancelled = cancelled;
        this.timers = store.timers();
    }

    /** Replays every partition from its beginning until the lag is 0; returns the events applied. */
    long run(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Progress progress)
            throws Exception {
        Map<String, Long> timed = timers.totalsMillis();
        consumer.assign(partitions); // no group: positions live only in the rebuild schema
        consumer.seekToBeginning(partitions);
        long events = 0;
        Instant lastLog = Instant.now();
        ExecutorService writer = Executors.newSingleThreadExecutor(r -> new Thread(r, "reporting-rebuild-writer"));
        Future<Integer> inFlight = null;
        try {
            while (!cancelled.getAsBoolean()) {
                long t0 = System.nanoTime();
                ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
                timers.record("replay.poll", t0);
                long t1 = System.nanoTime();
                ProjectionStore.Decoded decoded = records.isEmpty() ? null : ProjectionStore.decode(list(records));
                timers.record("replay.decode", t1);
                long t2 = System.nanoTime();
                events += ProjectionRebuild.await(inFlight);
                timers.record("replay.wait", t2);
                inFlight = decoded == null ? null : writer.submit(() -> {
                    long w = System.nanoTime();
                    int applied = store.write(decoded, RebuildSchema.SCHEMA, false).applied();
                    timers.record("replay.write", w);
                    return applied;
                });
                long lag = CatchUp.lag(consumer, partitions); // of what was polled; the last batch is awaited below
                progress.report(RebuildState.REPLAYING, events, lag);
                if (Duration.between(lastLog, Instant.now()).toSeconds() >= 5) {
                    LOG.info("rebuild: {} events, lag {}", events, lag);
                    lastLog = Instant.now();
                }
                if (lag == 0) {
                    break;
                }
            }
            events += ProjectionRebuild.await(inFlight);
        } finally {
            writer.shutdownNow();
        }
        // Where the time went: replay.wait ~ replay.write means the database is the bottleneck; the write's own
        // stages (claim, load, apply, facts, counters, commit) say where in it.
        LOG.info("rebuild replay: {} events; ms per stage: {}", events, timers.millisSince(timed, ""));
        return events;
    }

    static List<ConsumerRecord<String, byte[]>> list(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        return batch;
    }
}
