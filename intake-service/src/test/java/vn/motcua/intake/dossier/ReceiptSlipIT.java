package vn.motcua.intake.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.intake.dossier.DossierReceiptIT.dossier;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.motcua.intake.support.Api;
import vn.motcua.intake.support.Api.Response;
import vn.motcua.intake.support.IntakeIntegrationTest;

class ReceiptSlipIT extends IntakeIntegrationTest {

    @Test
    void theReceiptSlipIsAPrintableA5PageWithCodeApplicantAndAppointment() {
        Api api = api();
        String officeId = api.newOffice();
        String procedure = api.newProcedure("1", "PARTIAL", true);
        Map<String, Object> body = dossier(officeId, procedure, "POSTAL", "2024-03-08T16:00:00+07:00");
        body.put("applicant", Map.of("fullName", "Trần Thị <Bích>", "address", "5 Hạ Long, Vũng Tàu"));
        Response created = api.post("/api/v1/dossiers", Api.json(body));

        Response slip = api.get("/api/v1/dossiers/" + created.text("dossierId") + "/receipt");

        assertThat(slip.status()).isEqualTo(200);
        assertThat(slip.contentType()).startsWith("text/html");
        assertThat(slip.body())
                .contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
                .contains("size: A5")
                .contains(created.text("code"))
                .contains("Trần Thị &lt;Bích&gt;")          // escaped, never raw markup
                .doesNotContain("<Bích>")
                .contains("Office " + officeId)
                .contains("Procedure " + procedure)
                .contains("Giấy chứng sinh")
                .contains("16 giờ 00 phút, ngày 08/03/2024")   // received
                .contains("16 giờ 00 phút, ngày 11/03/2024")   // appointment
                .contains("bưu chính");
    }

    @Test
    void anUnknownDossierHasNoSlip() {
        Response slip = api().get("/api/v1/dossiers/" + UUID.randomUUID() + "/receipt");
        assertThat(slip.status()).isEqualTo(404);
        assertThat(slip.contentType()).startsWith("application/problem+json");
    }
}
