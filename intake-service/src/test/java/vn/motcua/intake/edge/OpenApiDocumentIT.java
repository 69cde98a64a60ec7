package vn.motcua.intake.edge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.motcua.intake.support.IntakeIntegrationBase;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;

/** The OpenAPI document says what integrators meet (bodies, media types, every error), and Swagger UI shows it. */
class OpenApiDocumentIT extends IntakeIntegrationBase {

    @Test
    void theDocumentNamesTheBearerSchemeTheErrorsAndTheImportBody() {
        Reply<JsonNode> openApi = api().anonymous().get("/openapi.json");
        assertThat(openApi.status()).isEqualTo(200);
        JsonNode doc = openApi.json();
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(doc.at("/components/schemas/Problem/properties/errors").isMissingNode()).isFalse();

        JsonNode receipt = doc.at("/paths/~1api~1v1~1dossiers/post/responses");
        for (String status : new String[] {"400", "401", "403", "413", "415", "422", "503"}) {
            assertThat(receipt.path(status).path("content").has("application/problem+json"))
                    .as("POST /api/v1/dossiers %s", status).isTrue();
        }
        assertThat(receipt.has("500")).isFalse();
        assertThat(receipt.at("/401/headers").has("WWW-Authenticate")).isTrue();
        assertThat(receipt.at("/503/headers").has("Retry-After")).isTrue();

        JsonNode correction = doc.at("/paths/~1api~1v1~1dossiers~1{dossierId}~1corrections/post/responses");
        for (String status : new String[] {"404", "409", "422"}) {
            assertThat(correction.path(status).path("content").has("application/problem+json"))
                    .as("corrections %s", status).isTrue();
        }

        JsonNode bulk = doc.at("/paths/~1api~1v1~1imports~1dossiers/post/requestBody/content");
        assertThat(bulk.at("/application~1x-ndjson/schema/$ref").asString())
                .isEqualTo("#/components/schemas/ReceiptRequest");
        assertThat(doc.at("/components/schemas/ReceiptRequest").isMissingNode()).isFalse();

        JsonNode slip = doc.at("/paths/~1api~1v1~1dossiers~1{dossierId}~1receipt/get/responses/200/content");
        assertThat(slip.has("text/html")).isTrue();
        assertThat(slip.has("application/pdf")).isTrue();
    }

    @Test
    void swaggerUiIsPublicAndServedFromTheJar() {
        JsonHttp<JsonNode> anonymous = api().anonymous();
        Reply<JsonNode> page = anonymous.get("/swagger-ui/index.html");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui-bundle.js").doesNotContain("//unpkg.com", "//cdn.");
        assertThat(anonymous.get("/swagger-ui/swagger-ui-bundle.js").status()).isEqualTo(200);
        // It opens this service's own document, not the petstore.
        Reply<JsonNode> config = anonymous.get("/openapi.json/swagger-config");
        assertThat(config.status()).isEqualTo(200);
        assertThat(config.body()).contains("/openapi.json").doesNotContain("petstore");
        Reply<JsonNode> initializer = anonymous.get("/swagger-ui/swagger-initializer.js");
        assertThat(initializer.status()).isEqualTo(200);
        assertThat(initializer.body()).doesNotContain("petstore.swagger.io");
    }
}
