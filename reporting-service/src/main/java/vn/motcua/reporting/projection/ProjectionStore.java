package vn.motcua.reporting.projection;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import vn.motcua.events.EventEnvelope;
import vn.motcua.reporting.catalogue.CatalogueWriter;
import vn.motcua.reporting.dossier.CounterDerivation;
import vn.motcua.reporting.dossier.DossierWriter;
import vn.motcua.reporting.petition.PetitionWriter;
import vn.motcua.reporting.timing.StageTimers;

/**
 * Applies one polled batch in ONE database transaction together with the next offset of every partition it
 * came from. Either both the rows and the offsets are committed or neither is, so after any crash the projector
 * resumes from exactly the first event whose effect is not in the database: nothing lost, nothing doubled.
 * Kafka's own committed offsets are never used. A second line of defence, the ce_id of every applied event is
 * kept, so an event published twice (at-least-once producers) is applied once.
 */
@Singleton
public class ProjectionStore {

    private final DataSource dataSource;
    private final ZoneId zone;
    private final StageTimers timers;

    @Inject
    public ProjectionStore(DataSource dataSource, @Value("${motcua.report.zone:Asia/Ho_Chi_Minh}") String zone,
                           StageTimers timers) {
        this(dataSource, ZoneId.of(zone), timers);
    }

    /** @param zone the reporting time zone: counters are kept per local day of it */
    public ProjectionStore(DataSource dataSource, ZoneId zone) {
        this(dataSource, zone, StageTimers.unregistered());
    }

    public ProjectionStore(DataSource dataSource, ZoneId zone, StageTimers timers) {
        this.dataSource = dataSource;
        this.zone = zone;
        this.timers = timers;
    }

    /** Where the stages' time goes (the rebuild records its own stages here too). */
    public StageTimers timers() {
        return timers;
    }

    /** What one batch did, for metrics and logs. */
    public record BatchResult(int records, int applied, int duplicates, int skipped) {
    }

    public BatchResult apply(List<ConsumerRecord<String, byte[]>> records) throws SQLException {
        return apply(records, null, true);
    }

    /** A polled batch decoded (CPU only, no database): what {@link #write} needs. */
    public record Decoded(int records, List<EventEnvelope> events, Map<TopicPartition, Long> nextOffsets,
                          int skipped) {
    }

    /**
     * @param schema null for the live projection; a rebuild writes the same tables in its own schema (set for
     *               this transaction only, so pooled connections keep their default search path)
     * @param counters whether to keep office_counter up to date (a rebuild derives it once instead)
     */
    public BatchResult apply(List<ConsumerRecord<String, byte[]>> records, String schema, boolean counters)
            throws SQLException {
        return write(decode(records), schema, counters);
    }

    /** Decodes a batch; may run on another thread than {@link #write} (a rebuild overlaps the two). */
    public static Decoded decode(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, Long> nextOffsets = new HashMap<>();
        List<EventEnvelope> events = new ArrayList<>(records.size());
        int skipped = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            nextOffsets.merge(new TopicPartition(record.topic(), record.partition()), record.offset() + 1, Math::max);
            EventEnvelope event = RecordDecoder.decodeOrSkip(record);
            if (event == null) {
                skipped++;
            } else {
                events.add(event);
            }
        }
        return new Decoded(records.size(), events, nextOffsets, skipped);
    }

    /**
     * Writes a decoded batch and its partitions' next offsets in ONE transaction; each stage's time goes to
     * {@link StageTimers} ({@code claim}, {@code load}, {@code apply}, {@code facts}, {@code counters},
     * {@code commit}).
     */
    public BatchResult write(Decoded batch, String schema, boolean counters) throws SQLException {
        List<EventEnvelope> events = batch.events();
        Map<TopicPartition, Long> nextOffsets = batch.nextOffsets();
        int skipped = batch.skipped();
        int applied = 0;
        int duplicates = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (schema != null) {
                    try (Statement statement = connection.createStatement()) {
                        statement.execute("set local search_path to " + schema);
                    }
                }
                long t0 = System.nanoTime();
                Set<UUID> fresh = claim(connection, events);
                timers.record("claim", t0);
                try (CatalogueWriter catalogue = new CatalogueWriter(connection);
                     DossierWriter dossiers = new DossierWriter(connection, zone, counters, timers);
                     PetitionWriter petitions = new PetitionWriter(connection, zone)) {
                    for (EventEnvelope event : events) {
                        // remove(): a second copy inside the same batch is a duplicate too.
                        if (!fresh.remove(event.id())) {
                            duplicates++;
                            continue;
                        }
                        if (!catalogue.add(event) && !petitions.add(event)) {
                            dossiers.add(event);
                        }
                        applied++;
                    }
                    catalogue.flush();
                    dossiers.flush();
                    petitions.flush();
                }
                long t1 = System.nanoTime();
                saveOffsets(connection, nextOffsets);
                connection.commit();
                timers.record("commit", t1);
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
        return new BatchResult(batch.records(), applied, duplicates, skipped);
    }

    /** Records the events' ids; returns those not seen before (the ones to apply). */
    private static Set<UUID> claim(Connection connection, List<EventEnvelope> events) throws SQLException {
        Set<UUID> fresh = new HashSet<>();
        if (events.isEmpty()) {
            return fresh;
        }
        UUID[] ids = events.stream().map(EventEnvelope::id).toArray(UUID[]::new);
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into processed_event (event_id) select unnest(?::uuid[])
                on conflict (event_id) do nothing returning event_id""")) {
            ps.setArray(1, connection.createArrayOf("uuid", ids));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    fresh.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return fresh;
    }

    /** The reporting time zone (counters are per local day of it). */
    public ZoneId zone() {
        return zone;
    }

    public static void saveOffsets(Connection connection, Map<TopicPartition, Long> nextOffsets)
            throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("""
                insert into projection_offset (topic, partition, next_offset) values (?, ?, ?)
                on conflict (topic, partition) do update set next_offset = excluded.next_offset""")) {
            for (Map.Entry<TopicPartition, Long> e : nextOffsets.entrySet()) {
                ps.setString(1, e.getKey().topic());
                ps.setInt(2, e.getKey().partition());
                ps.setLong(3, e.getValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Recomputes the counters of {@code schema} from its facts, in one transaction. */
    public int deriveCounters(String schema) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("set local search_path to " + schema);
                }
                int rows = CounterDerivation.derive(connection, zone);
                connection.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** The stored next offsets of these partitions; absent ones have never been projected. */
    public Map<TopicPartition, Long> storedOffsets(Collection<TopicPartition> partitions) throws SQLException {
        Map<TopicPartition, Long> result = new HashMap<>();
        if (partitions.isEmpty()) {
            return result;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement ps = connection.prepareStatement(
                     "select topic, partition, next_offset from projection_offset")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TopicPartition tp = new TopicPartition(rs.getString(1), rs.getInt(2));
                    if (partitions.contains(tp)) {
                        result.put(tp, rs.getLong(3));
                    }
                }
            }
        }
        return result;
    }
}
