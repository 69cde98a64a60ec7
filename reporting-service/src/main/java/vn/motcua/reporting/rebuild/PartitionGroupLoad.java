package vn.motcua.reporting.rebuild;

import vn.motcua.reporting.projection.RecordDecoder;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import vn.motcua.events.DossierEvent;
import vn.motcua.events.EventEnvelope;
import vn.motcua.reporting.jdbc.CopyRows;
import vn.motcua.reporting.dossier.CounterDeltas;
import vn.motcua.reporting.dossier.DossierFold;
import vn.motcua.reporting.dossier.DossierState;
import vn.motcua.reporting.timing.StageTimers;

/**
 * One partition group of a bulk rebuild: partition p of the intake topic and partition p of the workflow topic,
 * read from the beginning up to the end offsets taken when the rebuild started, folded in memory and COPYed into
 * the rebuild schema's (empty, index-less) tables.
 *
 * <p>Why a group can be folded alone: producers key dossier events by dossier id and both topics have the same
 * partition count, so every event of a dossier, and every copy of an event (same ce_id, same key), is in the
 * group. This is checked on every event (its dossier id must hash to p, as Kafka's default partitioner does);
 * one that does not throws {@link NotGrouped} and the rebuild falls back to the incremental replay. Within a
 * partition the events are applied in offset order, as the live projector does; between the two topics the order
 * does not matter ({@link vn.motcua.reporting.dossier.DossierState#apply}).
 */
final class PartitionGroupLoad {

    /** An event outside its dossier's partition group: the bulk path's assumption does not hold. */
    static final class NotGrouped extends RuntimeException {
        NotGrouped(String message) {
            super(message);
        }
    }

    /**
     * What the group did; {@code cpuNanos}: this thread's CPU time for all of it. Its wall time goes to the stage
     * timers: {@code group.poll} (in Kafka's poll), {@code group.fold} (poll, decode and fold), {@code group.copy}
     * (counters and COPY).
     */
    record Result(long applied, long duplicates, long skipped, int dossiers, CounterDeltas counters, long cpuNanos) {
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final int partition;
    private final int partitions;
    private final List<TopicPartition> topicPartitions;
    private final Map<TopicPartition, Long> end;
    private final StageTimers timers;

    PartitionGroupLoad(int partition, int partitions, List<String> topics, Map<TopicPartition, Long> end,
                       StageTimers timers) {
        this.timers = timers;
        this.partition = partition;
        this.partitions = partitions;
        this.topicPartitions = topics.stream().map(t -> new TopicPartition(t, partition)).toList();
        this.end = end;
    }

    /**
     * @param read     records read so far (all groups), for progress
     * @param applied  events applied so far (all groups), for progress
     */
    Result run(Properties consumerProperties, Duration pollTimeout, DataSource dataSource, String schema,
               ZoneId zone, AtomicLong read, AtomicLong applied, BooleanSupplier cancelled) throws SQLException {
        long t0 = System.nanoTime();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        UuidSet seen = new UuidSet();
        DossierFold fold = new DossierFold();
        long fresh = 0;
        long duplicates = 0;
        long skipped = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties)) {
            List<TopicPartition> remaining = new ArrayList<>(topicPartitions);
            consumer.assign(remaining);
            consumer.seekToBeginning(remaining);
            remaining.removeIf(tp -> consumer.position(tp) >= end.get(tp));
            consumer.pause(topicPartitions.stream().filter(tp -> !remaining.contains(tp)).toList());
            while (!remaining.isEmpty()) {
                if (cancelled.getAsBoolean()) {
                    throw new IllegalStateException("rebuild cancelled");
                }
                long p0 = System.nanoTime();
                ConsumerRecords<String, byte[]> records = consumer.poll(pollTimeout);
                timers.record("group.poll", p0);
                long freshBefore = fresh;
                for (TopicPartition tp : records.partitions()) {
                    long last = end.get(tp);
                    int count = 0;
                    for (ConsumerRecord<String, byte[]> record : records.records(tp)) {
                        if (record.offset() >= last) {
                            break; // arrived after the rebuild started: the catch-up replays it
                        }
                        count++;
                        EventEnvelope event = RecordDecoder.decodeOrSkip(record);
                        if (event == null) {
                            skipped++;
                            continue;
                        }
                        if (!seen.add(event.id())) {
                            duplicates++;
                            continue;
                        }
                        if (!(event.data() instanceof DossierEvent d) || partitionOf(d.dossierId()) != partition) {
                            throw new NotGrouped(event.type().ceType() + " at " + record.topic() + "-"
                                    + record.partition() + "@" + record.offset()
                                    + " is not in its dossier's partition");
                        }
                        fresh++;
                        if (DossierState.applies(event.data())) {
                            fold.apply(event.data(), event.id(), event.time());
                        }
                    }
                    read.addAndGet(count);
                }
                applied.addAndGet(fresh - freshBefore);
                List<TopicPartition> done = remaining.stream().filter(tp -> consumer.position(tp) >= end.get(tp))
                        .toList();
                if (!done.isEmpty()) {
                    consumer.pause(done); // nothing past the snapshot
                    remaining.removeAll(done);
                }
            }
        }
        timers.record("group.fold", t0);
        long t1 = System.nanoTime();
        CounterDeltas counters = new CounterDeltas(zone);
        fold.contribute(counters);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement st = connection.createStatement()) {
                    st.execute("set local search_path to " + schema);
                }
                try (CopyRows ids = new CopyRows(connection, "processed_event", "event_id")) {
                    seen.copyTo(ids);
                }
                fold.copy(connection);
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        timers.record("group.copy", t1);
        return new Result(fresh, duplicates, skipped, fold.dossiers(), counters,
                THREADS.getCurrentThreadCpuTime() - cpu0);
    }

    /** The partition Kafka's default partitioner gives a record keyed by this dossier id. */
    private int partitionOf(String dossierId) {
        return dossierId == null ? -1
                : Utils.toPositive(Utils.murmur2(dossierId.getBytes(StandardCharsets.UTF_8))) % partitions;
    }
}
