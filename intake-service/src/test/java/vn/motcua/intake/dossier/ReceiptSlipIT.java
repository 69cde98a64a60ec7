package vn.motcua.intake.dossier;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.motcua.intake.dossier.DossierReceiptIT.dossier;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.motcua.intake.support.IntakeIntegrationBase;
import vn.motcua.intake.support.Problems;
import vn.motcua.intake.support.Tokens;
import vn.motcua.print.PdfProof;
import vn.motcua.intake.support.Fixtures;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import tools.jackson.databind.JsonNode;

class ReceiptSlipIT extends IntakeIntegrationBase {

    @Test
    void theReceiptSlipIsAPrintableA5PageWithCodeApplicantAndAppointment() {
        JsonHttp<JsonNode> api = api();
        String officeId = Fixtures.newOffice(api);
        String procedure = Fixtures.newProcedure(api, "1", "PARTIAL", true);
        Map<String, Object> body = dossier(officeId, procedure, "POSTAL", "2024-03-08T16:00:00+07:00");
        body.put("applicant", Map.of("fullName", "Trần Thị <Bích>", "address", "5 Hạ Long, Vũng Tàu"));
        Reply<JsonNode> created = api.post("/api/v1/dossiers", Fixtures.json(body));

        Reply<JsonNode> slip = api.get("/api/v1/dossiers/" + created.json().get("dossierId").asString() + "/receipt");

        assertThat(slip.status()).isEqualTo(200);
        assertThat(slip.contentType()).startsWith("text/html");
        assertThat(slip.body())
                .contains("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ")
                .contains("size: A5")
                .contains(created.json().get("code").asString())
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
        Reply<JsonNode> slip = api().get("/api/v1/dossiers/" + UUID.randomUUID() + "/receipt");
        assertThat(slip.status()).isEqualTo(404);
        assertThat(slip.contentType()).startsWith("application/problem+json");
    }

    /**
     * Form 01 completed (issue 14): names instead of ids, statutory time, where to collect the result, signature
     * blocks, the PIN when the desk passes it; the PDF says exactly what the HTML says (no glyph missing), on A5.
     */
    @Test
    void theSlipPrintedAtReceiptCarriesNamesAndThePinAndItsPdfSaysTheSame() throws Exception {
        JsonHttp<JsonNode> api = api();
        String province = Fixtures.uniqueId("T");
        String office = province + ".05";
        assertThat(api.put("/api/v1/offices/" + province, Fixtures.json(Map.of("name", "UBND tỉnh Hà Tĩnh",
                "level", "PROVINCE"))).status()).isEqualTo(201);
        assertThat(api.put("/api/v1/offices/" + office, Fixtures.json(Map.of("name",
                "Trung tâm Phục vụ hành chính công phường Thành Sen", "level", "COMMUNE", "parentId", province)))
                .status()).isEqualTo(201);
        String procedure = Fixtures.uniqueId("1.");
        assertThat(api.put("/api/v1/procedures/" + procedure, Fixtures.json(Map.of("name",
                "Đăng ký khai sinh có yếu tố nước ngoài", "field", "Hộ tịch", "processingDays", 5,
                "onlineMode", "FULL", "postal", true, "fee", 50000))).status()).isEqualTo(201);
        Map<String, Object> body = dossier(office, procedure, "IN_PERSON", "2026-03-02T09:15:00+07:00");
        body.put("applicant", Map.of("fullName", "Phạm Thị Hương Giang", "address",
                "Số 8 đường Nguyễn Du, phường Thành Sen", "phone", "0912345678"));
        body.put("documents", List.of(Map.of("name", "Tờ khai đăng ký khai sinh", "copies", 1),
                Map.of("name", "Giấy chứng sinh", "copies", 1, "digitised", true),
                Map.of("name", "Hộ chiếu của cha (bản sao chứng thực)", "copies", 1, "reused", true)));
        Reply<JsonNode> created = api.post("/api/v1/dossiers", Fixtures.json(body));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("dossierId").asString();
        String code = created.json().get("code").asString();
        String pin = created.json().get("lookupPin").asString();
        String path = "/api/v1/dossiers/" + id + "/receipt";

        String html = slip(api, path, Map.of("Lookup-Pin", pin), "text/html").asText();
        assertThat(html).contains("Mẫu số 01", "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", code,
                "UBND tỉnh Hà Tĩnh", "Trung tâm Phục vụ hành chính công phường Thành Sen",
                "Đăng ký khai sinh có yếu tố nước ngoài", "5 ngày làm việc", "Trực tiếp",
                "Phạm Thị Hương Giang", "Giấy chứng sinh (đã số hóa)", "50.000 đồng",
                "09 giờ 15 phút, ngày 02/03/2026", "09 giờ 15 phút, ngày 09/03/2026",
                "Nhận kết quả tại: Bộ phận tiếp nhận và trả kết quả Trung tâm Phục vụ hành chính công",
                "NGƯỜI NỘP HỒ SƠ", "NGƯỜI TIẾP NHẬN HỒ SƠ", "mã PIN <b>" + pin + "</b>")
                .doesNotContain(">" + office + "<");
        Slip pdf = slip(api, path, Map.of("Lookup-Pin", pin), "application/pdf");
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        // Every character of the HTML printed, none replaced (in any order: a wrapped line mixing bold and
        // regular text is drawn font by font); and the lines that hold no bold read the same in order.
        String pdfText = PdfProof.text(pdf.body());
        assertThat(PdfProof.characters(pdfText)).isEqualTo(PdfProof.characters(PdfProof.htmlText(html)));
        assertThat(PdfProof.comparable(pdfText)).contains(PdfProof.comparable(
                "Nội dung yêu cầu giải quyết: Đăng ký khai sinh có yếu tố nước ngoài"));
        assertThat(PdfProof.fonts(pdf.body())).allSatisfy(f -> assertThat(f).startsWith("DejaVu"));
        assertThat(PdfProof.pageSizeMm(pdf.body())).isEqualTo("148x210");
        assertThat(PdfProof.pages(pdf.body())).as("one A5 sheet").isEqualTo(1);
        PdfProof.Raster page = PdfProof.png(pdf.body(), 0, 100);
        assertThat(page.inked()).isGreaterThan(0.003);
        Path dir = Path.of("target", "forms");
        Files.createDirectories(dir);
        Files.write(dir.resolve("form-01-receipt-slip.png"), page.png());
        Files.write(dir.resolve("form-01-receipt-slip.pdf"), pdf.body());

        // A reprint has no PIN to show: it says it was given at receipt. Each slip read is audited.
        String reprint = slip(api, path, Map.of(), "text/html").asText();
        assertThat(reprint).contains("mã PIN đã được cấp khi tiếp nhận").doesNotContain(pin);
        Reply<JsonNode> audit = api.get("/api/v1/audit/personal-data?dossierId=" + id);
        assertThat(audit.json().findValuesAsString("action")).contains("READ_RECEIPT_SLIP");

        // Bad PINs: the wrong shape is 400, another dossier's PIN 422, both naming the header.
        Problems.assertProblem(get(api, path, Map.of("Lookup-Pin", "12")), 400, "Lookup-Pin");
        String other = "ABCDEFGH".equals(pin) ? "HGFEDCBA" : "ABCDEFGH";
        Problems.assertProblem(get(api, path, Map.of("Lookup-Pin", other)), 422, "Lookup-Pin");
        // An officer of the office may print it too; an unknown dossier is 404 as PDF as well.
        String officer = Tokens.bearer("officer", office);
        assertThat(api.as(officer).get(path).status()).isEqualTo(200);
        Reply<JsonNode> unknown = get(api, "/api/v1/dossiers/" + UUID.randomUUID() + "/receipt",
                Map.of("Accept", "application/pdf"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");

        // After erasure the slip, HTML and PDF, shows nothing of the applicant.
        assertThat(api.delete("/api/v1/dossiers/" + id + "/applicant").status()).isEqualTo(204);
        String erased = slip(api, path, Map.of(), "text/html").asText();
        assertThat(erased).doesNotContain("Phạm Thị Hương Giang", "Nguyễn Du", "0912345678")
                .contains("đã được xoá");
        assertThat(PdfProof.text(slip(api, path, Map.of(), "application/pdf").body()))
                .doesNotContain("Hương Giang", "0912345678");
    }

    record Slip(String contentType, byte[] body) {
        String asText() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static Slip slip(JsonHttp<JsonNode> api, String path, Map<String, String> headers, String accept) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Accept", accept);
        Reply<JsonNode> r = api.as(Tokens.admin()).get(path, all);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("Cache-Control")).hasValue("no-store");
        return new Slip(r.contentType(), r.bytes());
    }

    private static Reply<JsonNode> get(JsonHttp<JsonNode> api, String path, Map<String, String> headers) {
        return api.get(path, headers);
    }
}
