package vn.motcua.local.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads the catalogue the demo files dossiers against from intake's public API. In demo mode intake loads its
 * shipped seed catalogue (the seeds' offices and real procedures) at start; this waits until it is there.
 */
public final class CatalogueLoader {

    public record Catalogue(List<JsonNode> offices, List<JsonNode> procedures) {
    }

    public static Catalogue fetch(String intakeUrl, Supplier<String> authorization)
            throws IOException, InterruptedException {
        Api api = new Api(authorization);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (true) {
            List<JsonNode> offices = list(api.send("GET", intakeUrl + "/api/v1/offices", null));
            List<JsonNode> procedures = list(api.send("GET", intakeUrl + "/api/v1/procedures", null));
            if (!offices.isEmpty() && !procedures.isEmpty()) {
                return new Catalogue(offices, procedures);
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("intake has no catalogue: was it started with the seed catalogue?");
            }
            Thread.sleep(500);
        }
    }

    private static List<JsonNode> list(Api.Answer answer) {
        List<JsonNode> items = new ArrayList<>();
        if (answer.ok() && answer.body().isArray()) {
            answer.body().forEach(items::add);
        }
        return items;
    }

    private CatalogueLoader() {
    }
}
