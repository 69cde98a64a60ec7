package vn.motcua.workflow.catalogue;

import vn.motcua.spring.kafka.ContractConsumer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.motcua.events.Topics;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.OfficeRegistered;
import vn.motcua.events.ProcedurePublished;
import vn.motcua.kafka.ConsumerLoop;

/**
 * Reads {@code motcua.catalogue.v1} into the {@code office} table (the access rules' office tree, and the names the
 * printed forms show) and the {@code catalogue_procedure} table (the procedures' names and statutory times, for the
 * forms). Its own consumer group (from the beginning: the whole tree is needed), on a supervised
 * {@link ConsumerLoop}, at least once: offsets are committed after the poll's entries are written, and writing is
 * idempotent ({@link OfficeTable#record}, {@link ProcedureTable#record}); a record that cannot be read is logged and
 * skipped; a failed write, commit or broker call is retried from the poll's start after a back-off.
 */
public class CatalogueConsumer extends ContractConsumer {
    private static final Logger log = LoggerFactory.getLogger(CatalogueConsumer.class);

    private final OfficeTable offices;
    private final ProcedureTable procedures;
    private final CatalogueOfficeTree tree;

    public CatalogueConsumer(String bootstrapServers, String groupId, OfficeTable offices, ProcedureTable procedures,
                             CatalogueOfficeTree tree) {
        super("catalogue-consumer", Topics.CATALOGUE, bootstrapServers, groupId, groupId, 500);
        this.offices = offices;
        this.procedures = procedures;
        this.tree = tree;
    }


    /** Before the web server takes requests, so the tree fills as early as it can. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 200;
    }

    /** Writes the poll's offices and procedures; a failure is thrown to the loop, which rewinds and retries. */
    @Override
    protected void process(ConsumerRecords<String, byte[]> records) {
        List<OfficeRegistered> registered = new ArrayList<>();
        List<ProcedurePublished> published = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            Object entry = entry(record);
            if (entry instanceof OfficeRegistered office) {
                registered.add(office);
            } else if (entry instanceof ProcedurePublished procedure) {
                published.add(procedure);
            }
        }
        offices.record(registered);
        procedures.record(published);
        tree.refresh();
    }

    /** The office or procedure a record carries, or null for one to skip. */
    private static Object entry(ConsumerRecord<String, byte[]> record) {
        EventEnvelope envelope = decodeOrSkip(record);
        if (envelope == null) {
            return null;
        }
        if (envelope.data() instanceof OfficeRegistered office) {
            if (office.officeId() == null || office.officeId().isBlank()) {
                log.error("skipping an OfficeRegistered without officeId at {}/{}@{}", record.topic(),
                        record.partition(), record.offset());
                return null;
            }
            // registeredAt orders the versions; the envelope's time stands in if a producer left it out.
            return office.registeredAt() != null ? office : new OfficeRegistered(office.officeId(), office.name(),
                    office.level(), office.parentId(), envelope.time());
        }
        if (envelope.data() instanceof ProcedurePublished procedure) {
            if (procedure.code() == null || procedure.code().isBlank() || procedure.name() == null
                    || procedure.processingDays() == null) {
                log.error("skipping an incomplete ProcedurePublished at {}/{}@{}", record.topic(), record.partition(),
                        record.offset());
                return null;
            }
            return procedure.publishedAt() != null ? procedure : new ProcedurePublished(procedure.code(),
                    procedure.name(), procedure.field(), procedure.processingDays(), procedure.onlineMode(),
                    procedure.postal(), envelope.time(), procedure.fee(), procedure.onlinePayment(),
                    procedure.decidedOn(), procedure.effectiveOn(), procedure.madePublicOn(),
                    procedure.contentComplete());
        }
        return null;
    }
}
