package vn.motcua.intake.dossier;

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

    @EventHandler
    void on(DossierRecorded e) {
        Applicant a = e.applicant();
        jdbc.update("""
                INSERT INTO dossier (dossier_id, code, office_id, procedure_code, field, channel, online_eligible,
                    processing_days, received_at, due_at, applicant_full_name, applicant_id_number, applicant_phone,
                    applicant_address, external_ref, recorded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                e.dossierId(), e.code(), e.officeId(), e.procedureCode(), e.field(), e.channel().name(),
                e.onlineEligible(), e.processingDays(), Timestamp.from(e.receivedAt()), Timestamp.from(e.dueAt()),
                a.fullName(), a.idNumber(), a.phone(), a.address(), e.externalRef(), Timestamp.from(e.recordedAt()));
        List<SubmittedDocument> documents = e.documents();
        for (int i = 0; i < documents.size(); i++) {
            jdbc.update("INSERT INTO dossier_document (dossier_id, position, name, copies) VALUES (?, ?, ?, ?)",
                    e.dossierId(), i, documents.get(i).name(), documents.get(i).copies());
        }
    }
}
