package vn.motcua.reporting.rebuild;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.OfficeRegistered;
import vn.motcua.events.PetitionEvent;
import vn.motcua.events.ProcedurePublished;
import vn.motcua.events.Topics;
import vn.motcua.reporting.dossier.CounterDeltas;
import vn.motcua.reporting.projection.ProjectionStore;
import vn.motcua.reporting.timing.StageTimers;

/**
 * The bulk path of a rebuild, up to the snapshot: the end offsets taken at its start. The catalogue and petition
 * topics go through the normal writers (few events); each partition group of the dossier topics is folded in
 * memory and COPYed into index-less tables ({@link PartitionGroupLoad}), {@code parallelism} groups at a time;
 * then the indexes and keys are built, the counters (summed in memory) COPYed, and the snapshot stored as the
 * positions. The main consumer is left assigned to every partition at the snapshot, for the catch-up. Throws
 * {@link PartitionGroupLoad.NotGrouped} when its assumption does not hold (the job then replays incrementally).
 */
final class BulkLoad {
    private static final Logger LOG = LoggerFactory.getLogger(BulkLoad.class);

    private final DataSource dataSource;
    private final ProjectionStore store;
    private final RebuildSchema schema;
    private final int parallelism;
    private final Duration pollTimeout;
    private final Function<String, Properties> consumerProperties;
    private final BooleanSupplier cancelled;
    private final StageTimers timers;

    BulkLoad(DataSource dataSource, ProjectionStore store, RebuildSchema schema, int parallelism,
             Duration pollTimeout, Function<String, Properties> consumerProperties, BooleanSupplier cancelled) {
        this.dataSource = dataSource;
        this.store = store;
        this.schema = schema;
        this.parallelism = Math.max(1, parallelism);
        this.pollTimeout = pollTimeout;
        this.consumerProperties = consumerProperties;
        this.cancelled = cancelled;
        this.timers = store.timers();
    }

    /** Returns the events applied. */
    long run(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions, Progress progress)
            throws Exception {
        Map<String, Long> timed = timers.totalsMillis();
        long t0 = System.nanoTime();
        Map<String, Integer> counts = new HashMap<>();
        partitions.forEach(tp -> counts.merge(tp.topic(), 1, Integer::sum));
        int groups = counts.getOrDefault(Topics.DOSSIER_INTAKE, 0);
        if (groups != counts.getOrDefault(Topics.DOSSIER_WORKFLOW, 0)) {
            throw new PartitionGroupLoad.NotGrouped("the intake topic has " + groups
                    + " partitions, the workflow topic " + counts.get(Topics.DOSSIER_WORKFLOW));
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
        long total = partitions.stream().mapToLong(tp -> Math.max(0, end.get(tp) - begin.get(tp))).sum();
        AtomicLong read = new AtomicLong();
        AtomicLong applied = new AtomicLong();

        long catalogue = catalogue(consumer, partitions, end, read);
        timers.record("bulk.catalogue", t0);
        long t1 = System.nanoTime();
        List<String[]> indexes = schema.dropIndexes();
        CounterDeltas counters = new CounterDeltas(store.zone());
        long[] totals = new long[4]; // duplicates, skipped, dossiers, CPU nanos of the group threads
        ExecutorService pool = Executors.newFixedThreadPool(parallelism,
                r -> new Thread(r, "reporting-rebuild-group"));
        AtomicBoolean failed = new AtomicBoolean();
        try {
            List<Future<PartitionGroupLoad.Result>> results = new ArrayList<>();
            for (int p = 0; p < groups; p++) {
                PartitionGroupLoad group = new PartitionGroupLoad(p, groups,
                        List.of(Topics.DOSSIER_INTAKE, Topics.DOSSIER_WORKFLOW), end, timers);
                Properties properties = consumerProperties.apply("-rebuild-" + p);
                // Small fetches: what a group holds in memory beyond its fold is what the consumer buffered,
                // and long-lived buffers are what the GC has to copy.
                properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
                properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 1024 * 1024);
                properties.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 4 * 1024 * 1024);
                results.add(pool.submit(() -> group.run(properties, pollTimeout, dataSource,
                        RebuildSchema.SCHEMA, store.zone(), read, applied,
                        () -> cancelled.getAsBoolean() || failed.get())));
            }
            Instant lastLog = Instant.now();
            for (Future<PartitionGroupLoad.Result> result : results) {
                while (true) {
                    try {
                        PartitionGroupLoad.Result r = result.get(500, TimeUnit.MILLISECONDS);
                        counters.merge(r.counters());
                        totals[0] += r.duplicates();
                        totals[1] += r.skipped();
                        totals[2] += r.dossiers();
                        totals[3] += r.cpuNanos();
                        break;
                    } catch (TimeoutException e) {
                        // progress below
                    } catch (ExecutionException e) {
                        failed.set(true);
                        throw e.getCause() instanceof Exception cause ? cause : e;
                    }
                    long events = applied.get() + catalogue;
                    long lag = Math.max(0, total - read.get());
                    progress.report(RebuildState.REPLAYING, events, lag);
                    if (Duration.between(lastLog, Instant.now()).toSeconds() >= 5) {
                        LOG.info("rebuild: {} events, lag {}", events, lag);
                        lastLog = Instant.now();
                    }
                }
            }
        } finally {
            failed.set(true); // stops any group still running after a failure
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
        if (cancelled.getAsBoolean()) {
            return 0;
        }
        timers.record("bulk.groups", t1);
        long events = applied.get() + catalogue;
        long t2 = System.nanoTime();
        progress.report(RebuildState.INDEXING, events, 0);
        int counterRows = schema.indexAndCount(indexes, counters, end);
        timers.record("bulk.index", t2);
        LOG.info("rebuild bulk load: {} events ({} duplicates, {} skipped) of {} dossiers in {} partition groups,"
                + " {} counter rows; ms per stage (group.* summed over the group threads: group.fold includes"
                + " group.poll, Kafka's poll; the group threads' CPU {} ms): {}", events, totals[0], totals[1],
                totals[2], groups, counterRows, totals[3] / 1_000_000, timers.millisSince(timed, ""));
        // Positioned at the snapshot: what arrived since is the catch-up's.
        consumer.assign(partitions);
        end.forEach(consumer::seek);
        return events;
    }

    /**
     * The catalogue and petition topics up to the snapshot, through the normal writers (offices, procedures and
     * petitions are few; petitions keep their counters on every path).
     */
    private long catalogue(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
                           Map<TopicPartition, Long> end, AtomicLong read) throws SQLException {
        List<TopicPartition> remaining = new ArrayList<>(partitions.stream()
                .filter(tp -> tp.topic().equals(Topics.CATALOGUE) || tp.topic().equals(Topics.PETITION)).toList());
        consumer.assign(remaining);
        consumer.seekToBeginning(remaining);
        long events = 0;
        remaining.removeIf(tp -> consumer.position(tp) >= end.get(tp));
        while (!remaining.isEmpty() && !cancelled.getAsBoolean()) {
            List<ConsumerRecord<String, byte[]>> batch = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(pollTimeout)) {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    batch.add(record);
                }
            }
            remaining.removeIf(tp -> consumer.position(tp) >= end.get(tp));
            if (batch.isEmpty()) {
                continue;
            }
            read.addAndGet(batch.size());
            ProjectionStore.Decoded decoded = ProjectionStore.decode(batch);
            for (EventEnvelope event : decoded.events()) {
                if (!(event.data() instanceof OfficeRegistered) && !(event.data() instanceof ProcedurePublished)
                        && !(event.data() instanceof PetitionEvent)) {
                    throw new PartitionGroupLoad.NotGrouped(event.type().ceType()
                            + " on the catalogue or petition topic");
                }
            }
            events += store.write(decoded, RebuildSchema.SCHEMA, false).applied();
        }
        consumer.unsubscribe();
        return events;
    }
}
