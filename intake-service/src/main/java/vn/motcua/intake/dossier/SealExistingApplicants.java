package vn.motcua.intake.dossier;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.motcua.intake.personaldata.MasterKeyCheck;
import vn.motcua.intake.personaldata.PersonalDataCipher;
import vn.motcua.intake.personaldata.PersonalDataCipher.Sealed;

/**
 * Migration 4: seals the applicants received before personal-data protection. For each dossier, in batches: a data
 * key (wrapped, into {@code applicant_key}), the sealed applicant beside the record with its plain columns blanked,
 * and its {@link DossierRecorded} in the event store rewritten to revision 2 (the plain {@code applicant} replaced
 * by the same ciphertext as {@code sealedApplicant}). Migration 5 then drops the plain columns. A Spring bean
 * (Boot hands JavaMigration beans to Flyway) because it needs the master key. Logs counts, never a value.
 */
@Component
class SealExistingApplicants implements JavaMigration {
    private static final Logger log = LoggerFactory.getLogger(SealExistingApplicants.class);
    private static final int BATCH = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PersonalDataCipher cipher;

    SealExistingApplicants(PersonalDataCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("4");
    }

    @Override
    public String getDescription() {
        return "seal existing applicants";
    }

    @Override
    public Integer getChecksum() {
        return null;
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) {
        Connection connection = context.getConnection();
        JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
        MasterKeyCheck.remember(jdbc, cipher.masterKeyId());
        String after = "";
        long sealed = 0;
        long events = 0;
        while (true) {
            record Row(String dossierId, Applicant applicant) {
            }
            List<Row> rows = jdbc.query("""
                            SELECT dossier_id, applicant_full_name, applicant_id_number, applicant_phone,
                                applicant_address
                            FROM dossier
                            WHERE applicant_sealed IS NULL AND applicant_full_name IS NOT NULL AND dossier_id > ?
                            ORDER BY dossier_id LIMIT ?""",
                    (rs, n) -> new Row(rs.getString(1),
                            new Applicant(rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5))),
                    after, BATCH);
            if (rows.isEmpty()) {
                break;
            }
            Map<String, Sealed> byDossier = new HashMap<>();
            for (Row row : rows) {
                byDossier.put(row.dossierId(), cipher.seal(row.dossierId(), row.applicant().toBytes()));
            }
            List<String> ids = rows.stream().map(Row::dossierId).toList();
            jdbc.batchUpdate("INSERT INTO applicant_key (dossier_id, wrapped_key) VALUES (?, ?)", ids, ids.size(),
                    (ps, id) -> {
                        ps.setString(1, id);
                        ps.setBytes(2, byDossier.get(id).wrappedKey());
                    });
            jdbc.batchUpdate("""
                    UPDATE dossier SET applicant_sealed = ?, applicant_full_name = NULL, applicant_id_number = NULL,
                        applicant_phone = NULL, applicant_address = NULL
                    WHERE dossier_id = ?""", ids, ids.size(), (ps, id) -> {
                ps.setBytes(1, byDossier.get(id).ciphertext());
                ps.setString(2, id);
            });
            events += rewriteEvents(jdbc, connection, ids, byDossier);
            sealed += rows.size();
            after = ids.get(ids.size() - 1);
        }
        log.info("sealed the applicants of {} existing dossiers ({} events rewritten)", sealed, events);
    }

    private static int rewriteEvents(JdbcTemplate jdbc, Connection connection, List<String> ids,
                                     Map<String, Sealed> byDossier) {
        record Event(long globalIndex, String dossierId, byte[] payload) {
        }
        List<Event> found = jdbc.query(con -> {
            var ps = con.prepareStatement("""
                    SELECT global_index, aggregate_identifier, payload FROM domain_event_entry
                    WHERE aggregate_identifier = ANY (?) AND payload_type = ?""");
            ps.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            ps.setString(2, DossierRecorded.class.getName());
            return ps;
        }, (rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getBytes(3)));
        List<Object[]> updates = new ArrayList<>();
        for (Event e : found) {
            JsonNode tree = JSON.readTree(e.payload());
            if (!(tree instanceof ObjectNode payload) || !payload.has("applicant")) {
                continue;
            }
            payload.remove("applicant");
            payload.put("sealedApplicant", Base64.getEncoder().encodeToString(byDossier.get(e.dossierId()).ciphertext()));
            updates.add(new Object[] {JSON.writeValueAsBytes(payload), e.globalIndex()});
        }
        if (!updates.isEmpty()) {
            jdbc.batchUpdate("UPDATE domain_event_entry SET payload = ?, payload_revision = '2' WHERE global_index = ?",
                    updates);
        }
        return updates.size();
    }
}
