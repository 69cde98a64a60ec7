package vn.motcua.local;

import static vn.motcua.infra.ServiceProcess.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;


import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vn.motcua.testsupport.Jackson2;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import org.junit.jupiter.api.io.TempDir;

/**
 * One dossier end to end through the three runnable jars on embedded PostgreSQL and Kafka: intake → Kafka →
 * workflow → Kafka → reporting, every call with a token of the local OpenID Provider; then the whole stack restarts
 * on the same data and the figures are still there, and so is the provider's key (a token from before still works).
 */
class EndToEndIT {
    /** Full URLs (the services run on ports of their own); JSON parsed with Jackson 2. */
    private static final JsonHttp<JsonNode> HTTP = JsonHttp.at("", Jackson2::tree).header("Accept", "application/json");
    private static final String OFFICE = "H49.17";

    @TempDir
    Path data;

    @Test
    void aDossierTravelsFromTheDeskToTheReportAndSurvivesARestart() throws Exception {
        Path root = Path.of(System.getProperty("motcua.repository.root", "../..")).toAbsolutePath().normalize();
        StackOptions options = StackOptions.defaults(root).withDataDir(data).withDurable(false)
                .withPorts(freePort(), freePort(), freePort(), freePort(), freePort()).withOidcPort(freePort());
        String today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        String report = "/api/v1/reports/dossiers?officeId=" + OFFICE + "&from=" + today + "&to=" + today;

        Supplier<String> admin;
        try (LocalStack stack = LocalStack.start(options)) {
            admin = stack.signInAsAdmin();
            String intake = stack.url("intake");
            Reply<JsonNode> anonymous = HTTP.anonymous().get(intake + "/api/v1/offices");
            assertThat(anonymous.status()).isEqualTo(401);
            assertThat(anonymous.header("WWW-Authenticate")).contains("Bearer");
            assertThat(HTTP.as(admin).put(intake + "/api/v1/offices/" + OFFICE,
                    "{\"name\":\"UBND huyện Củ Chi\",\"level\":\"DISTRICT\"}").status()).isIn(200, 201);
            assertThat(HTTP.as(admin).put(intake + "/api/v1/procedures/1.001193",
                    "{\"name\":\"Đăng ký khai sinh\",\"field\":\"Hộ tịch\",\"processingDays\":3,"
                            + "\"onlineMode\":\"FULL\",\"postal\":true}").status()).isIn(200, 201);

            Reply<JsonNode> received = HTTP.as(admin).post(intake + "/api/v1/dossiers",
                    "{\"officeId\":\"" + OFFICE + "\",\"procedureCode\":\"1.001193\",\"channel\":\"ONLINE\","
                            + "\"applicant\":{\"fullName\":\"Nguyễn Văn A\",\"idNumber\":\"079201000001\"}}");
            assertThat(received.status()).isEqualTo(201);
            JsonNode dossier = received.json();
            String dossierId = dossier.get("dossierId").asText();
            assertThat(dossier.get("code").asText()).matches(OFFICE.replace(".", "\\.") + "-\\d{6}-0001");

            String workflowDossier = stack.url("workflow") + "/api/v1/dossiers/" + dossierId;
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> HTTP.as(admin).get(workflowDossier).status() == 200);
            Reply<JsonNode> resolved = HTTP.as(admin).post(workflowDossier + "/resolution",
                    "{\"outcome\":\"APPROVED\"}");
            assertThat(resolved.status()).isEqualTo(200);
            assertThat(resolved.json().get("status").asText()).isEqualTo("RESOLVED");

            String reporting = stack.url("reporting") + report;
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode figures = HTTP.as(admin).get(reporting).json();
                assertThat(figures.at("/received/total").asLong()).isEqualTo(1);
                assertThat(figures.at("/received/online").asLong()).isEqualTo(1);
                assertThat(figures.at("/resolved/total").asLong()).isEqualTo(1);
            });
        }

        try (LocalStack restarted = LocalStack.start(options)) {
            // The token fetched before the restart: the provider kept its signing key, the services trust it.
            JsonNode figures = HTTP.as(admin).get(restarted.url("reporting") + report).json();
            assertThat(figures.at("/received/total").asLong()).isEqualTo(1);
            assertThat(figures.at("/resolved/total").asLong()).isEqualTo(1);
            assertThat(figures.at("/inProgress/total").asLong()).isZero();
        }
    }
}
