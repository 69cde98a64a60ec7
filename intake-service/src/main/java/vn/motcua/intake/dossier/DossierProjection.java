package vn.motcua.intake.dossier;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The intake record of each dossier, written in the receipt's transaction (subscribing processor). */
@Component
@ProcessingGroup("dossier-projection")
class DossierProjection {
    private final JdbcTemplate jdbc;

    DossierProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The record and its documents in ONE statement (one round trip, whatever the number of documents). */
    @EventHandler
    void on(DossierRecorded e) {
        Applicant a = e.applicant();
        List<SubmittedDocument> documents = e.documents();
        String[] names = new String[documents.size()];
        Integer[] copies = new Integer[documents.size()];
        for (int i = 0; i < names.length; i++) {
            names[i] = documents.get(i).name();
            copies[i] = documents.get(i).copies();
        }
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("""
                    WITH d AS (
                        INSERT INTO dossier (dossier_id, code, office_id, procedure_code, field, channel,
                            online_eligible, processing_days, received_at, due_at, applicant_full_name,
                            applicant_id_number, applicant_phone, applicant_address, external_ref, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        RETURNING dossier_id)
                    INSERT INTO dossier_document (dossier_id, position, name, copies)
                    SELECT d.dossier_id, doc.position - 1, doc.name, doc.copies
                    FROM d, unnest(CAST(? AS VARCHAR[]), CAST(? AS INTEGER[]))
                        WITH ORDINALITY AS doc (name, copies, position)""");
            int i = 0;
            ps.setString(++i, e.dossierId());
            ps.setString(++i, e.code());
            ps.setString(++i, e.officeId());
            ps.setString(++i, e.procedureCode());
            ps.setString(++i, e.field());
            ps.setString(++i, e.channel().name());
            ps.setBoolean(++i, e.onlineEligible());
            ps.setBigDecimal(++i, e.processingDays());
            ps.setTimestamp(++i, Timestamp.from(e.receivedAt()));
            ps.setTimestamp(++i, Timestamp.from(e.dueAt()));
            ps.setString(++i, a.fullName());
            ps.setString(++i, a.idNumber());
            ps.setString(++i, a.phone());
            ps.setString(++i, a.address());
            ps.setString(++i, e.externalRef());
            ps.setTimestamp(++i, Timestamp.from(e.recordedAt()));
            ps.setArray(++i, con.createArrayOf("varchar", names));
            ps.setArray(++i, con.createArrayOf("int4", copies));
            return ps;
        });
    }
}
