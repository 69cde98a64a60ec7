package vn.motcua.intake.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import tools.jackson.databind.JsonNode;
import vn.motcua.infra.Infrastructure;
import vn.motcua.intake.personaldata.PersonalDataCipher;
import vn.motcua.intake.support.IntakeIntegrationBase;
import vn.motcua.intake.support.Fixtures;

/**
 * The upgrade of an installation that already holds applicants in clear: a fresh database migrated to version 2,
 * a dossier and its event written as the old code wrote them, then the remaining migrations.
 */
class SealExistingApplicantsIT extends IntakeIntegrationBase {

    @Autowired
    SealExistingApplicants sealing;

    @Autowired
    PersonalDataCipher cipher;

    @Test
    void existingApplicantsAreSealedInTheRecordAndTheEventStoreAndTheirPlainColumnsGo() {
        Infrastructure infra = Infrastructure.shared();
        DataSource db = new DriverManagerDataSource(infra.jdbcUrl("intake_upgrade_" + System.nanoTime()),
                infra.username(), infra.password());
        Flyway.configure().dataSource(db).target("2").load().migrate();
        JdbcTemplate old = new JdbcTemplate(db);
        String dossierId = UUID.randomUUID().toString();
        old.update("""
                INSERT INTO dossier (dossier_id, code, office_id, procedure_code, field, channel, online_eligible,
                    processing_days, received_at, due_at, applicant_full_name, applicant_id_number, applicant_phone,
                    applicant_address, external_ref, recorded_at)
                VALUES (?, 'H29-240311-0001', 'H29', '1.1', 'hộ tịch', 'IN_PERSON', false, 1, now(), now(),
                    'Lê Văn Cũ', '079299000111', '0912000111', '7 Phố Cũ', NULL, now())""", dossierId);
        String payload = """
                {"dossierId":"%s","code":"H29-240311-0001","officeId":"H29","procedureCode":"1.1","field":"hộ tịch",\
                "channel":"IN_PERSON","onlineEligible":false,"processingDays":1,"receivedAt":"2024-03-11T02:00:00Z",\
                "dueAt":"2024-03-12T02:00:00Z","applicant":{"fullName":"Lê Văn Cũ","idNumber":"079299000111",\
                "phone":"0912000111","address":"7 Phố Cũ"},"documents":[],"externalRef":null,\
                "recordedAt":"2024-03-11T02:00:00Z"}""".formatted(dossierId);
        old.update("""
                INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data)
                VALUES (?, ?, 0, 'Dossier', '2024-03-11T02:00:00Z', ?, NULL, ?, NULL)""",
                UUID.randomUUID().toString(), dossierId, DossierRecorded.class.getName(),
                payload.getBytes(StandardCharsets.UTF_8));

        Flyway.configure().dataSource(db).javaMigrations(sealing).load().migrate();

        assertThat(old.queryForList("""
                SELECT column_name FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name = 'dossier'""", String.class))
                .noneMatch(c -> c.startsWith("applicant_") && !c.equals("applicant_sealed")
                        && !c.equals("applicant_erased_at"));
        byte[] sealed = old.queryForObject("SELECT applicant_sealed FROM dossier WHERE dossier_id = ?", byte[].class,
                dossierId);
        byte[] key = old.queryForObject("SELECT wrapped_key FROM applicant_key WHERE dossier_id = ?", byte[].class,
                dossierId);
        assertThat(Applicant.fromBytes(cipher.open(dossierId, key, sealed)))
                .isEqualTo(new Applicant("Lê Văn Cũ", "079299000111", "0912000111", "7 Phố Cũ"));
        var event = old.queryForMap("SELECT payload, payload_revision FROM domain_event_entry"
                + " WHERE aggregate_identifier = ?", dossierId);
        String json = new String((byte[]) event.get("payload"), StandardCharsets.UTF_8);
        assertThat(json).doesNotContain("Lê Văn Cũ", "079299000111", "0912000111", "Phố Cũ", "\"applicant\"");
        assertThat(event.get("payload_revision")).isEqualTo("2");
        JsonNode tree = Fixtures.JSON.readTree(json);
        assertThat(Base64.getDecoder().decode(tree.get("sealedApplicant").asString())).isEqualTo(sealed);
        assertThat(tree.get("code").asString()).isEqualTo("H29-240311-0001");
        assertThat(old.queryForObject("SELECT master_key_id FROM personal_data_master_key", String.class))
                .isEqualTo(cipher.masterKeyId());
    }
}
