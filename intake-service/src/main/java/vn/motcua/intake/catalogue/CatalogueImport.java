package vn.motcua.intake.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.OnlineMode;
import vn.motcua.intake.infra.InputRejectedException;

/**
 * Bulk load of a catalogue document {@code {offices: [...], procedures: [...]}} with the PUT bodies plus ids. Offices
 * are registered parents first whatever their order in the file; each entry goes through the same rules and events
 * as a PUT, and an unchanged entry records nothing, so loading the same file again is harmless.
 */
@Service
public class CatalogueImport {
    private static final Logger log = LoggerFactory.getLogger(CatalogueImport.class);
    /** The realistic catalogue shipped for the local stack (offices of the seeds, real procedures). */
    public static final String SEED_RESOURCE = "/catalogue/seed-catalogue.json";

    private final CatalogueService service;
    private final JsonMapper json;

    CatalogueImport(CatalogueService service, JsonMapper json) {
        this.service = service;
        this.json = json;
    }

    public record OfficeEntry(String officeId, String name, OfficeLevel level, String parentId) {
    }

    public record ProcedureEntry(String code, String name, String field, BigDecimal processingDays,
                                 OnlineMode onlineMode, Boolean postal, BigDecimal fee, Boolean onlinePayment,
                                 java.time.LocalDate decidedAt, java.time.LocalDate effectiveAt,
                                 java.time.LocalDate publishedAt, Boolean contentComplete) {
        ProcedureFacts facts() {
            return new ProcedureFacts(CatalogueController.fee(fee), Boolean.TRUE.equals(onlinePayment), decidedAt,
                    effectiveAt, publishedAt, contentComplete);
        }
    }

    public record CatalogueDocument(List<OfficeEntry> offices, List<ProcedureEntry> procedures) {
    }

    public record EntryError(String entry, String field, String message) {
    }

    public record Summary(int offices, int procedures, int created, int updatedOrUnchanged, List<EntryError> errors) {
    }

    public Summary loadSeed() throws IOException {
        try (InputStream in = CatalogueImport.class.getResourceAsStream(SEED_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + SEED_RESOURCE);
            }
            return load(json.readValue(in, CatalogueDocument.class));
        }
    }

    public Summary load(CatalogueDocument document) {
        List<OfficeEntry> offices = document.offices() == null ? List.of() : document.offices();
        List<ProcedureEntry> procedures = document.procedures() == null ? List.of() : document.procedures();
        int created = 0;
        int other = 0;
        List<EntryError> errors = new ArrayList<>();
        for (OfficeEntry office : parentsFirst(offices)) {
            try {
                requirePresent(office.officeId(), "officeId");
                requirePresent(office.name(), "name");
                requirePresent(office.level(), "level");
                if (service.registerOffice(office.officeId(), office.name(), office.level(), office.parentId())) {
                    created++;
                } else {
                    other++;
                }
            } catch (InputRejectedException e) {
                errors.add(new EntryError("office " + office.officeId(), e.problems().get(0).field(),
                        e.problems().get(0).message()));
            }
        }
        for (ProcedureEntry p : procedures) {
            try {
                requirePresent(p.code(), "code");
                requirePresent(p.name(), "name");
                requirePresent(p.field(), "field");
                requirePresent(p.processingDays(), "processingDays");
                requirePresent(p.onlineMode(), "onlineMode");
                requirePresent(p.postal(), "postal");
                if (service.publishProcedure(p.code(), p.name(), p.field(), p.processingDays(), p.onlineMode(),
                        p.postal(), p.facts())) {
                    created++;
                } else {
                    other++;
                }
            } catch (InputRejectedException e) {
                errors.add(new EntryError("procedure " + p.code(), e.problems().get(0).field(),
                        e.problems().get(0).message()));
            }
        }
        log.info("catalogue import: {} offices, {} procedures, {} created, {} updated or unchanged, {} refused",
                offices.size(), procedures.size(), created, other, errors.size());
        return new Summary(offices.size(), procedures.size(), created, other, errors);
    }

    /** Orders offices so that a parent in the same document comes before its children. */
    static List<OfficeEntry> parentsFirst(List<OfficeEntry> offices) {
        Map<String, OfficeEntry> byId = new HashMap<>();
        offices.forEach(o -> byId.putIfAbsent(o.officeId(), o));
        List<OfficeEntry> ordered = new ArrayList<>();
        Set<String> placed = new HashSet<>();
        Set<String> visiting = new HashSet<>();
        for (OfficeEntry office : offices) {
            place(office, byId, placed, visiting, ordered);
        }
        return ordered;
    }

    private static void place(OfficeEntry office, Map<String, OfficeEntry> byId, Set<String> placed,
                              Set<String> visiting, List<OfficeEntry> ordered) {
        if (placed.contains(office.officeId()) || !visiting.add(office.officeId())) {
            return; // already placed, or a cycle: the service refuses the offending entry
        }
        OfficeEntry parent = office.parentId() == null ? null : byId.get(office.parentId());
        if (parent != null) {
            place(parent, byId, placed, visiting, ordered);
        }
        visiting.remove(office.officeId());
        if (placed.add(office.officeId())) {
            ordered.add(office);
        }
    }

    private static void requirePresent(Object value, String field) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw InputRejectedException.badRequest(field, "must not be blank");
        }
    }
}
