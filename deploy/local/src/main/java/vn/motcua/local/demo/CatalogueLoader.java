package vn.motcua.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the shipped catalogue (the seeds' offices and a few dozen real procedures) through intake's public API.
 * PUT is idempotent, so loading twice changes nothing.
 */
public final class CatalogueLoader {
    private static final String RESOURCE = "/catalogue/catalogue.json";

    public record Catalogue(List<JsonNode> offices, List<JsonNode> procedures) {
    }

    public static Catalogue shipped() throws IOException {
        try (InputStream in = CatalogueLoader.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + RESOURCE);
            }
            JsonNode root = Api.JSON.readTree(in);
            List<JsonNode> offices = new ArrayList<>();
            root.get("offices").forEach(offices::add);
            List<JsonNode> procedures = new ArrayList<>();
            root.get("procedures").forEach(procedures::add);
            return new Catalogue(offices, procedures);
        }
    }

    /** Offices are listed parents first, so each PUT finds its parent registered. */
    public static Catalogue load(String intakeUrl) throws IOException, InterruptedException {
        Catalogue catalogue = shipped();
        Api api = new Api();
        for (JsonNode office : catalogue.offices()) {
            ObjectNode body = ((ObjectNode) office.deepCopy());
            String id = body.remove("officeId").asText();
            if (body.get("parentId").isNull()) {
                body.remove("parentId");
            }
            expectOk(api.send("PUT", intakeUrl + "/api/v1/offices/" + id, body), "office " + id);
        }
        for (JsonNode procedure : catalogue.procedures()) {
            ObjectNode body = ((ObjectNode) procedure.deepCopy());
            String code = body.remove("code").asText();
            expectOk(api.send("PUT", intakeUrl + "/api/v1/procedures/" + code, body), "procedure " + code);
        }
        return catalogue;
    }

    private static void expectOk(Api.Answer answer, String what) {
        if (!answer.ok()) {
            throw new IllegalStateException("intake refused " + what + ": " + answer.status() + " " + answer.body());
        }
    }

    private CatalogueLoader() {
    }
}
