package vn.motcua.workflow.dossier;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.motcua.workflow.dossier.Commands.OpenDossier;
import vn.motcua.workflow.infra.CommandBatch;
import vn.motcua.workflow.infra.PlanEachTime;

/**
 * Opens a poll of intake's records in ONE transaction, the new dossiers without the command path.
 *
 * <p>A dossier whose stream does not exist yet has no state to check: {@link Dossier} would only apply
 * {@link DossierOpened} as the first event of a new stream. So for the poll's first receipt of each such dossier
 * the event is appended directly (what the aggregate would have written: type {@value #STREAM_TYPE}, sequence 0,
 * one JDBC batch for the poll) and its read model, deadline schedule and history rows are written in JDBC batches
 * ({@link DossierProjection#insertOpened}); JFR showed the aggregate load, the command bus's reflection and one
 * projection call per dossier were most of the opening's cost. Everything else (a redelivered receipt of an
 * existing dossier, a correction, a cancellation, a second record of a dossier in the same poll) takes the command
 * path in the same transaction, after the new dossiers, so the aggregate's rules decide and a dossier's records
 * keep their order. The event store's unique (aggregate, sequence) key still refuses a second opening: if
 * another writer created a stream meanwhile, the whole transaction fails and the caller goes one by one through
 * the commands. {@code DossierOpened} is internal, never relayed to Kafka; the commands' events are relayed as
 * before.
 */
public class DossierOpening {
    static final String STREAM_TYPE = "Dossier";

    private final CommandBatch batch;
    private final EventStorageEngine storageEngine;
    private final JdbcTemplate jdbc;
    private final DossierProjection projection;

    public DossierOpening(CommandBatch batch, EventStorageEngine storageEngine, JdbcTemplate jdbc,
                          DossierProjection projection) {
        this.batch = batch;
        this.storageEngine = storageEngine;
        this.jdbc = jdbc;
        this.projection = projection;
    }

    /** What one call did: dossiers opened directly, commands sent. */
    public record Outcome(int opened, int commands) {
    }

    /** Handles {@code commands} (OpenDossier, CancelDossier, ...) in order, in one transaction. */
    public Outcome openAll(List<?> commands) {
        return batch.inTransaction(sender -> {
            Set<String> existing = existingStreams(commands);
            Set<String> seen = new HashSet<>();
            List<DossierOpened> opened = new ArrayList<>();
            List<Object> rest = new ArrayList<>();
            for (Object command : commands) {
                if (command instanceof OpenDossier open && !existing.contains(open.dossierId())
                        && seen.add(open.dossierId())) {
                    opened.add(toEvent(open));
                } else {
                    if (command instanceof OpenDossier open) {
                        seen.add(open.dossierId());
                    } else if (command instanceof Commands.CancelDossier cancel) {
                        seen.add(cancel.dossierId()); // a receipt after it must see the cancellation
                    }
                    rest.add(command);
                }
            }
            if (!opened.isEmpty()) {
                storageEngine.appendEvents(opened.stream().map(e -> new GenericDomainEventMessage<>(STREAM_TYPE,
                        e.dossierId(), 0L, e, MetaData.emptyInstance())).toList());
                projection.insertOpened(opened, 0L, null);
            }
            rest.forEach(sender::send);
            return new Outcome(opened.size(), rest.size());
        });
    }

    /** The dossiers among the receipts' whose stream already exists: one index probe per id, one query. */
    private Set<String> existingStreams(List<?> commands) {
        String[] ids = commands.stream().filter(OpenDossier.class::isInstance).map(c -> ((OpenDossier) c).dossierId())
                .distinct().toArray(String[]::new);
        if (ids.length == 0) {
            return Set.of();
        }
        return new HashSet<>(jdbc.query("SELECT aggregate_identifier FROM domain_event_entry"
                        + " WHERE aggregate_identifier = ANY(?) AND sequence_number = 0",
                ps -> {
                    PlanEachTime.set(ps);
                    ps.setArray(1, ps.getConnection().createArrayOf("varchar", ids));
                },
                (rs, n) -> rs.getString(1)));
    }

    private static DossierOpened toEvent(OpenDossier c) {
        return new DossierOpened(c.dossierId(), c.officeId(), c.procedureCode(), c.processingDays(), c.receivedAt(),
                c.dueAt(), c.code(), c.field(), c.channel(), c.fee(), c.onlinePayment(), c.revision(),
                c.externalRef(), c.lookupVerifier());
    }
}
