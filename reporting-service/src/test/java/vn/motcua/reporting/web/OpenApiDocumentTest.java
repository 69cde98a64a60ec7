package vn.motcua.reporting.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document micronaut-openapi wrote at compile time says what integrators meet (the bearer scheme, the
 * CSV and XLSX media types, every error as problem+json), and the Swagger UI beside it loads nothing from outside.
 * No server: both are resources of the build.
 */
class OpenApiDocumentTest {
    private static final String DOCUMENT = "/META-INF/swagger/motcua-reporting-service-v1.yml";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Test
    void documentsTheBearerSchemeTheMediaTypesAndEveryError() throws IOException {
        Map<String, Object> doc = yaml(DOCUMENT);
        assertThat(at(doc, "components", "securitySchemes", "bearer", "scheme")).isEqualTo("bearer");

        Map<String, Object> paths = map(doc.get("paths"));
        Map<String, Object> report = map(at(paths, "/api/v1/reports/dossiers", "get", "responses"));
        assertThat(map(at(report, "200", "content"))).containsKeys("application/json", "text/csv", XLSX);
        assertThat(map(at(paths, "/api/v1/reports/dossiers/breakdown", "get", "responses", "200", "content")))
                .containsKeys("application/json", "text/csv", XLSX);
        assertThat(map(at(paths, "/api/v1/reports/dossiers/series", "get", "responses", "200", "content")))
                .containsKeys("application/json", XLSX);
        assertThat(map(at(paths, "/api/v1/reports/dossiers/ranking", "get", "responses", "200", "content")))
                .containsKeys("application/json", XLSX);

        for (String path : List.of("/api/v1/reports/dossiers", "/api/v1/reports/dossiers/items",
                "/api/v1/reports/service-index", "/api/v1/reports/offices")) {
            Map<String, Object> responses = map(at(paths, path, "get", "responses"));
            for (String status : List.of("400", "401", "403", "404", "503")) {
                assertThat(map(at(responses, status, "content"))).as("%s %s", path, status)
                        .containsKey(Problem.MEDIA_TYPE);
            }
            assertThat(responses).as(path).doesNotContainKey("500");
        }
        assertThat(map(at(doc, "components", "schemas", "Problem", "properties"))).containsKeys("type", "title",
                "status", "detail", "errors");
    }

    @Test
    void swaggerUiIsInTheJarAndOpensThisDocument() throws IOException {
        String page = text("/META-INF/swagger/views/swagger-ui/index.html");
        assertThat(page).contains("/openapi/motcua-reporting-service-v1.yml").contains("/swagger-ui/res/")
                .doesNotContain("unpkg.com", "cdn.", "petstore");
        assertThat(OpenApiDocumentTest.class.getResource("/META-INF/swagger/views/swagger-ui/res/swagger-ui-bundle.js"))
                .isNotNull();
    }

    private static Map<String, Object> yaml(String resource) throws IOException {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(text(resource));
    }

    private static String text(String resource) throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Object at(Map<String, Object> node, String... keys) {
        Object current = node;
        for (String key : keys) {
            current = current instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node) {
        assertThat(node).isInstanceOf(Map.class);
        return (Map<String, Object>) node;
    }
}
