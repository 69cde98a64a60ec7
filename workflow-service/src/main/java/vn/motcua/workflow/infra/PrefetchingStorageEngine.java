package vn.motcua.workflow.infra;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event storage engine, able to serve a group of aggregates' streams from ONE query. A batch that will load
 * many dossiers in one unit of work (the deadline watcher's groups) calls {@link #prefetch} first: the streams are
 * read with one {@code aggregate_identifier = ANY(?)} query, kept in the root unit of work, and each aggregate load
 * in that unit of work is served from them instead of two round trips (snapshot, then events). Events appended in
 * the same unit of work are staged by the event store, which adds them on top, exactly as with a database read.
 * Workflow takes no snapshots, so no load reads the snapshot table. Everything else is the wrapped engine's.
 */
public class PrefetchingStorageEngine implements EventStorageEngine {
    private static final String RESOURCE = PrefetchingStorageEngine.class.getName() + ".streams";

    private final EventStorageEngine delegate;
    private final Supplier<JdbcTemplate> jdbc;
    private final Supplier<Serializer> eventSerializer;
    private final Supplier<EventUpcaster> upcasters;

    public PrefetchingStorageEngine(EventStorageEngine delegate, Supplier<JdbcTemplate> jdbc, Supplier<Serializer> eventSerializer,
                                    Supplier<EventUpcaster> upcasters) {
        this.delegate = delegate;
        this.jdbc = jdbc;
        this.eventSerializer = eventSerializer;
        this.upcasters = upcasters;
    }

    /** Reads the streams of {@code aggregateIds} in one query for the current (root) unit of work. */
    public void prefetch(Collection<String> aggregateIds) {
        if (!CurrentUnitOfWork.isStarted() || aggregateIds.isEmpty()) {
            return;
        }
        Map<String, List<DomainEventData<?>>> streams = new HashMap<>();
        aggregateIds.forEach(id -> streams.put(id, new ArrayList<>())); // known empty too: no stream yet
        String[] ids = aggregateIds.stream().distinct().toArray(String[]::new);
        jdbc.get().query("""
                        SELECT type, aggregate_identifier, sequence_number, event_identifier, time_stamp, payload_type,
                               payload_revision, payload, meta_data
                        FROM domain_event_entry WHERE aggregate_identifier = ANY(?)
                        ORDER BY aggregate_identifier, sequence_number""",
                ps -> {
                    PlanEachTime.set(ps);
                    ps.setArray(1, ps.getConnection().createArrayOf("varchar", ids));
                },
                rs -> {
                    streams.get(rs.getString(2)).add(new GenericDomainEventEntry<>(rs.getString(1), rs.getString(2),
                            rs.getLong(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getBytes(8), rs.getBytes(9)));
                });
        CurrentUnitOfWork.get().root().resources().put(RESOURCE, streams);
    }

    @SuppressWarnings("unchecked")
    private List<DomainEventData<?>> prefetched(String aggregateIdentifier) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        Map<String, List<DomainEventData<?>>> streams =
                (Map<String, List<DomainEventData<?>>>) CurrentUnitOfWork.get().root().getResource(RESOURCE);
        return streams == null ? null : streams.get(aggregateIdentifier);
    }

    @Override
    public DomainEventStream readEvents(String aggregateIdentifier, long firstSequenceNumber) {
        List<DomainEventData<?>> events = prefetched(aggregateIdentifier);
        if (events == null) {
            return delegate.readEvents(aggregateIdentifier, firstSequenceNumber);
        }
        return EventStreamUtils.upcastAndDeserializeDomainEvents(
                events.stream().filter(e -> e.getSequenceNumber() >= firstSequenceNumber), eventSerializer.get(),
                upcasters.get());
    }

    /**
     * Workflow takes no snapshots (no snapshotter is configured, a dossier has a few dozen events at most), so an
     * aggregate load does not ask the empty snapshot table first: one round trip less per command.
     */
    @Override
    public Optional<DomainEventMessage<?>> readSnapshot(String aggregateIdentifier) {
        return Optional.empty();
    }

    @Override
    public void appendEvents(List<? extends EventMessage<?>> events) {
        delegate.appendEvents(events);
    }

    @Override
    public void storeSnapshot(DomainEventMessage<?> snapshot) {
        delegate.storeSnapshot(snapshot);
    }

    @Override
    public Stream<? extends TrackedEventMessage<?>> readEvents(TrackingToken trackingToken, boolean mayBlock) {
        return delegate.readEvents(trackingToken, mayBlock);
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return delegate.lastSequenceNumberFor(aggregateIdentifier);
    }

    @Override
    public TrackingToken createTailToken() {
        return delegate.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return delegate.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return delegate.createTokenAt(dateTime);
    }
}
