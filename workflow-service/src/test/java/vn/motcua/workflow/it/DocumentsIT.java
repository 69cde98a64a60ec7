package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import vn.motcua.events.Channel;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.OfficeRegistered;
import vn.motcua.events.OnlineMode;
import vn.motcua.events.ProcedurePublished;
import vn.motcua.print.PdfProof;

import static org.awaitility.Awaitility.await;
import tools.jackson.databind.JsonNode;
import vn.motcua.testsupport.JsonHttp.Reply;

/**
 * Issue 14: the printable workflow documents (forms 02, 03, 04, 05) for one dossier that went through two
 * units, a supplement, an apology letter and a refusal: each as HTML and as PDF, the PDF's text equal to the HTML's
 * (no glyph missing), its page rendered to PNG (kept in target/forms; the copies in docs/forms come from here),
 * office and procedure names from motcua.catalogue.v1, and the bad input answers.
 */
class DocumentsIT extends WorkflowIntegrationTestBase {
    private static final String RUN = "DT" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
    private static final String DISTRICT = RUN + ".17";
    private static final String COMMUNE = RUN + ".17.05";
    private static final String TAX = RUN + ".TAX";
    private static final String PROCEDURE = "1.0" + RUN;
    // Monday 2026-03-02 09:00, 3 working days: due Thursday 09:00.
    private static final Instant RECEIVED = local("2026-03-02T09:00");
    private static final Instant DUE = local("2026-03-05T09:00");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyFormPrintsAsHtmlAndAsTheSamePdfWithNamesNotIds() throws Exception {
        catalogue();
        String id = newDossierId(COMMUNE);
        String code = COMMUNE + "-260302-0007";
        open(id, code, RECEIVED, DUE);
        String base = "/api/v1/dossiers/" + id;
        step(base + "/transfers", "{\"toUnit\":\"Phòng Tài nguyên và Môi trường\",\"at\":\"2026-03-02T10:00:00+07:00\"}");
        step(base + "/supplement-requests", "{\"reason\":\"Bổ sung bản trích đo địa chính thửa đất số 12, tờ bản đồ số 4\","
                + "\"at\":\"2026-03-03T11:00:00+07:00\"}");
        step(base + "/supplements", "{\"at\":\"2026-03-10T14:00:00+07:00\"}"); // new due: Fri 13/3 14:00
        step(base + "/transfers", "{\"toUnit\":\"Đội Thuế liên huyện\",\"toOfficeId\":\"" + TAX + "\","
                + "\"note\":\"xác định nghĩa vụ tài chính\",\"at\":\"2026-03-11T10:00:00+07:00\"}");
        step(base + "/apology-letters", "{\"reason\":\"Chờ kết quả xác minh nguồn gốc đất của UBND xã\","
                + "\"newDueAt\":\"2026-03-18T09:00:00+07:00\",\"responsibleUnit\":\"Phòng Tài nguyên và Môi trường\","
                + "\"at\":\"2026-03-12T09:00:00+07:00\"}");
        step(base + "/resolution", "{\"outcome\":\"REFUSED\",\"reason\":\"Thửa đất đang có tranh chấp, chưa đủ điều "
                + "kiện cấp Giấy chứng nhận\",\"at\":\"2026-03-16T10:00:00+07:00\"}");

        String supplement = printed(base + "/documents/supplement-request", "form-02-supplement-request");
        assertThat(supplement).contains("PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ", "Mẫu số 02", code,
                "UBND xã Thạch Hạ", "UBND huyện Thạch Hà", "Đăng ký đất đai, tài sản gắn liền với đất lần đầu",
                "Bổ sung bản trích đo địa chính thửa đất số 12", "NGƯỜI HƯỚNG DẪN").doesNotContain(COMMUNE + "<");

        String refusal = printed(base + "/documents/refusal", "form-03-refusal");
        assertThat(refusal).contains("PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ", "Mẫu số 03", code,
                "UBND xã Thạch Hạ", "Thửa đất đang có tranh chấp", "10 giờ 00 phút, ngày 16/03/2026", "NGƯỜI TIẾP NHẬN HỒ SƠ");

        String letter = printed(base + "/apology-letters/1", "form-04-apology-letter");
        assertThat(letter).contains("PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ", "Mẫu số 04", code,
                "UBND xã Thạch Hạ", "Đăng ký đất đai, tài sản gắn liền với đất lần đầu", "3 ngày làm việc",
                "Chờ kết quả xác minh nguồn gốc đất", "09 giờ 00 phút, ngày 18/03/2026", "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ");

        String slip = printed(base + "/documents/control-slip", "form-05-control-slip");
        assertThat(slip).contains("PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ", "Mẫu số 05", code,
                "Giao: Bộ phận tiếp nhận và trả kết quả", "Nhận: Phòng Tài nguyên và Môi trường",
                "Nhận: Đội Thuế liên huyện (Chi cục Thuế khu vực Hồng Lĩnh)", OFFICER, "Phiếu xin lỗi số 1");
        // Receipt to due: 3 working days (24 working hours) shared by two steps (desk, then the first unit asking
        // for the supplement): 12 h each. The desk handed over after 1 h: early. The unit asked for the
        // supplement 25 h later (09:00 Mon + 1 h + ... ): within the day its share ends: on time.
        // After the supplement (10/3 14:00, due 13/3 14:00: 24 h), two steps of 12 h: the unit handed over to the
        // tax team after 4 working hours (early), the tax team resolved 16/3 10:00, after 13/3 14:00: late.
        assertThat(slip).contains("Trước hạn", "Quá hạn");
        assertThat(slip.indexOf("Trước hạn")).isLessThan(slip.indexOf("Quá hạn"));
    }

    @Test
    void formsTheHistoryDoesNotHoldAre409AndAnUnknownDossierIs404() throws Exception {
        String approved = newDossierId(COMMUNE);
        open(approved, approved, RECEIVED, DUE);
        step("/api/v1/dossiers/" + approved + "/resolution", "{\"outcome\":\"APPROVED\",\"at\":\"2026-03-03T10:00:00+07:00\"}");
        Reply<JsonNode> refusal = get("/api/v1/dossiers/" + approved + "/documents/refusal");
        assertProblem(refusal, 409, null);
        assertThat(refusal.json().path("detail").asString()).contains("not refused", "APPROVED");
        assertProblem(get("/api/v1/dossiers/" + approved + "/documents/supplement-request"), 409, null);
        Reply<JsonNode> asPdf = send(HttpRequest.newBuilder(uri("/api/v1/dossiers/" + approved + "/documents/refusal"))
                .header("Accept", "application/pdf").build());
        assertThat(asPdf.status()).isEqualTo(409);
        assertThat(asPdf.contentType()).startsWith("application/problem+json");

        for (String path : new String[]{"/documents/control-slip", "/documents/refusal",
                "/documents/supplement-request", "/apology-letters/1"}) {
            assertProblem(get("/api/v1/dossiers/NOPE-" + RUN + path), 404, null);
            Reply<JsonNode> pdf = send(HttpRequest.newBuilder(uri("/api/v1/dossiers/NOPE-" + RUN + path))
                    .header("Accept", "application/pdf").build());
            assertThat(pdf.status()).as(path).isEqualTo(404);
            assertThat(pdf.contentType()).as(path).startsWith("application/problem+json");
        }
        // A dossier whose office and procedure the catalogue has not named prints their ids, never nothing.
        String unnamed = newDossierId("ZZ" + RUN);
        open(unnamed, null, RECEIVED, DUE);
        String html = get("/api/v1/dossiers/" + unnamed + "/documents/control-slip").body();
        assertThat(html).contains("ZZ" + RUN, unnamed, "thủ tục mã " + PROCEDURE);
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    /** Names on motcua.catalogue.v1, as intake publishes them, recorded before the test goes on. */
    private void catalogue() throws Exception {
        Instant at = Instant.now();
        for (OfficeRegistered office : new OfficeRegistered[]{
                new OfficeRegistered(DISTRICT, "UBND huyện Thạch Hà", OfficeLevel.DISTRICT, null, at),
                new OfficeRegistered(COMMUNE, "UBND xã Thạch Hạ", OfficeLevel.COMMUNE, DISTRICT, at),
                new OfficeRegistered(TAX, "Chi cục Thuế khu vực Hồng Lĩnh", OfficeLevel.DEPARTMENT, null, at)}) {
            awaitConsumed(topics().publish(CloudEventsCodec.encode(EventEnvelope.of(UUID.randomUUID(),
                    "/motcua/intake", office))), CATALOGUE_GROUP);
        }
        awaitConsumed(topics().publish(CloudEventsCodec.encode(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake",
                new ProcedurePublished(PROCEDURE, "Đăng ký đất đai, tài sản gắn liền với đất lần đầu", "Đất đai",
                        new BigDecimal("3"), OnlineMode.PARTIAL, true, at)))), CATALOGUE_GROUP);
    }

    private void open(String id, String code, Instant receivedAt, Instant dueAt) throws Exception {
        String office = id.substring(0, id.indexOf('-'));
        publishIntake(EventEnvelope.of(UUID.randomUUID(), "/motcua/intake", new DossierReceived(id, code, office,
                PROCEDURE, "Đất đai", Channel.IN_PERSON, true, new BigDecimal("3"), receivedAt, dueAt)));
        await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/v1/dossiers/" + id), r -> r.status() == 200);
    }

    private void step(String path, String json) throws Exception {
        Reply<JsonNode> response = post(path, json);
        assertThat(response.status()).as(path + ": " + response.body()).isBetween(200, 201);
    }

    /**
     * The form as HTML and as PDF: the PDF's text is the HTML's, character for character (whitespace is layout),
     * set in the fonts shipped with print-support only, on A4; its first page is rendered to PNG.
     */
    private String printed(String path, String name) throws Exception {
        Reply<JsonNode> html = get(path);
        assertThat(html.status()).as(path + ": " + html.body()).isEqualTo(200);
        assertThat(html.contentType()).startsWith("text/html").contains("UTF-8");
        Reply<JsonNode> pdf = http().as(officerToken()).get(path, Map.of("Accept", "application/pdf"));
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Type")).hasValue("application/pdf");
        assertThat(pdf.header("Content-Disposition").orElse("")).startsWith("inline; filename=");
        byte[] bytes = pdf.bytes();
        // Every character of the HTML printed, none replaced; in order, too, on these forms (no line mixes
        // fonts in a way the renderer draws out of order: PdfProof.characters is the check where one does).
        String htmlText = PdfProof.htmlText(html.body());
        String pdfText = PdfProof.text(bytes);
        assertThat(PdfProof.characters(pdfText)).as(name).isEqualTo(PdfProof.characters(htmlText));
        assertThat(PdfProof.comparable(pdfText)).as(name).isEqualTo(PdfProof.comparable(htmlText));
        assertThat(PdfProof.fonts(bytes)).allSatisfy(f -> assertThat(f).startsWith("DejaVu"));
        assertThat(PdfProof.pageSizeMm(bytes)).isEqualTo("210x297");
        PdfProof.Raster page = PdfProof.png(bytes, 0, 80);
        assertThat(page.inked()).as(name + " has ink").isGreaterThan(0.003);
        Path dir = Path.of("target", "forms");
        Files.createDirectories(dir);
        Files.write(dir.resolve(name + ".png"), page.png());
        Files.write(dir.resolve(name + ".pdf"), bytes);
        return html.body();
    }
}
