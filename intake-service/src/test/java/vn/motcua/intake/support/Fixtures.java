package vn.motcua.intake.support;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;

/**
 * What intake's tests set up through the API (offices, procedures, a valid receipt body), with fresh ids so tests
 * never see each other's offices, procedures or dossiers. HTTP goes through test-support's {@link JsonHttp}.
 */
public final class Fixtures {
    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000_000L);

    private Fixtures() {
    }

    /** A fresh id. */
    public static String uniqueId(String prefix) {
        return prefix + IDS.incrementAndGet();
    }

    public static String json(Object value) {
        return JSON.writeValueAsString(value);
    }

    /** The body as a Jackson 3 tree: the parser of {@link JsonHttp#at}. */
    public static JsonNode tree(String json) {
        return JSON.readTree(json);
    }

    /** Registers an office (no parent) and returns its id. */
    public static String newOffice(JsonHttp<JsonNode> api) {
        return newOffice(api, "DISTRICT", null);
    }

    /** Registers an office of this level under {@code parentId} (null for none) and returns its id. */
    public static String newOffice(JsonHttp<JsonNode> api, String level, String parentId) {
        String officeId = uniqueId("T");
        Map<String, Object> body = new HashMap<>(Map.of("name", "Office " + officeId, "level", level));
        if (parentId != null) {
            body.put("parentId", parentId);
        }
        Reply<JsonNode> r = api.put("/api/v1/offices/" + officeId, json(body));
        if (r.status() != 201) {
            throw new IllegalStateException("office not registered: " + r);
        }
        return officeId;
    }

    /** A valid {@code POST /api/v1/dossiers} body received now at the office. */
    public static String dossierBody(String officeId, String procedureCode) {
        return json(Map.of("officeId", officeId, "procedureCode", procedureCode, "channel", "IN_PERSON",
                "applicant", Map.of("fullName", "Nguyễn Văn An", "idNumber", "079201001234",
                        "phone", "0901234567", "address", "12 Lê Lợi, Phường 1, Vũng Tàu"),
                "documents", List.of(Map.of("name", "Tờ khai", "copies", 1))));
    }

    /** Publishes a procedure and returns its code. */
    public static String newProcedure(JsonHttp<JsonNode> api, String processingDays, String onlineMode,
                                      boolean postal) {
        String code = uniqueId("1.");
        Reply<JsonNode> r = api.put("/api/v1/procedures/" + code, json(Map.of("name", "Procedure " + code,
                "field", "hộ tịch", "processingDays", new BigDecimal(processingDays),
                "onlineMode", onlineMode, "postal", postal)));
        if (r.status() != 201) {
            throw new IllegalStateException("procedure not published: " + r);
        }
        return code;
    }
}
