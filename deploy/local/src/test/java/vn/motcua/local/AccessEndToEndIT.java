package vn.motcua.local;

import static vn.motcua.infra.ServiceProcess.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.motcua.testsupport.Jackson2;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;

/**
 * Roles and office scopes through the three runnable jars and the real local OpenID Provider, with an operator's
 * identities file: a commune clerk receives at its desk and not at the neighbour's; an officer acts on its
 * communes' dossiers and not on the neighbour's, and the history names it; an analyst reads its district's subtree
 * and not the province above it. A refused request changes nothing.
 */
class AccessEndToEndIT {
    /** Full URLs (the services run on ports of their own); JSON parsed with Jackson 2. */
    private static final JsonHttp<JsonNode> HTTP = JsonHttp.at("", Jackson2::tree).header("Accept", "application/json");
    private static final String PROVINCE = "H29";
    private static final String DISTRICT = "H29.21";
    private static final String OWN = "H29.21.13";
    private static final String ALSO_OWN = "H29.21.14";
    private static final String NEIGHBOUR = "H29.21.15";
    private static final String CLERK = "clerk-tan-an-hoi";
    private static final String OFFICER = "officer-cu-chi-north";
    private static final String ANALYST = "analyst-cu-chi";
    private static final String IDENTITIES = """
            {"clients": [
              {"clientId": "admin", "clientSecret": "e2e-admin-secret", "roles": ["admin"], "offices": ["*"]},
              {"clientId": "%s", "clientSecret": "e2e-clerk-secret", "roles": ["clerk"], "offices": ["%s"]},
              {"clientId": "%s", "clientSecret": "e2e-officer-secret", "roles": ["officer"],
               "offices": ["%s", "%s"]},
              {"clientId": "%s", "clientSecret": "e2e-analyst-secret", "roles": ["analyst"], "offices": ["%s"]}],
             "users": [
              {"username": "lan", "password": "e2e-lan-password", "roles": ["analyst"], "offices": ["%s"]}]}
            """.formatted(CLERK, OWN, OFFICER, OWN, ALSO_OWN, ANALYST, DISTRICT, DISTRICT);

    @TempDir
    Path data;

    @Test
    void rolesAndOfficeScopesHoldThroughTheWholeStack() throws Exception {
        Path root = Path.of(System.getProperty("motcua.repository.root", "../..")).toAbsolutePath().normalize();
        Path identities = data.resolve("identities.json");
        Files.writeString(identities, IDENTITIES);
        StackOptions options = StackOptions.defaults(root).withDataDir(data.resolve("stack")).withDurable(false)
                .withPorts(freePort(), freePort(), freePort(), freePort(), freePort()).withOidcPort(freePort())
                .withIdentities(identities);
        String today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).toString();

        try (LocalStack stack = LocalStack.start(options)) {
            Supplier<String> admin = stack.signInAsAdmin();
            Supplier<String> clerk = stack.signIn(CLERK);
            Supplier<String> officer = stack.signIn(OFFICER);
            Supplier<String> analyst = stack.signIn(ANALYST);
            String intake = stack.url("intake");
            String workflow = stack.url("workflow");
            registerCatalogue(intake, admin);

            // The clerk receives at its commune's desk, and is refused at the neighbour's.
            Reply<JsonNode> own = HTTP.as(clerk).post(intake + "/api/v1/dossiers", receipt(OWN));
            assertThat(own.status()).as(own.body()).isEqualTo(201);
            String ownId = own.json().get("dossierId").asText();
            assertRefused(HTTP.as(clerk).post(intake + "/api/v1/dossiers", receipt(NEIGHBOUR)));
            // The refused receipt wrote nothing: the neighbour's first dossier still gets number 0001.
            Reply<JsonNode> neighbours = HTTP.as(admin).post(intake + "/api/v1/dossiers", receipt(NEIGHBOUR));
            assertThat(neighbours.status()).as(neighbours.body()).isEqualTo(201);
            assertThat(neighbours.json().get("code").asText()).endsWith("-0001");
            String neighbourId = neighbours.json().get("dossierId").asText();
            assertThat(HTTP.as(clerk).get(intake + "/api/v1/dossiers/" + ownId).status()).isEqualTo(200);
            assertThat(HTTP.as(clerk).get(intake + "/api/v1/dossiers/" + neighbourId).status())
                    .isIn(403, 404);

            String ownDossier = workflow + "/api/v1/dossiers/" + ownId;
            String neighbourDossier = workflow + "/api/v1/dossiers/" + neighbourId;
            await().atMost(Duration.ofSeconds(90)).until(() ->
                    HTTP.as(admin).get(ownDossier).status() == 200
                            && HTTP.as(admin).get(neighbourDossier).status() == 200);

            // A clerk holds no workflow role, anywhere.
            assertRefused(HTTP.as(clerk).post(ownDossier + "/resolution", "{\"outcome\":\"APPROVED\"}"));

            // The officer acts on its communes' dossiers, not on the neighbour's, which stays as it was.
            Reply<JsonNode> transferred = HTTP.as(officer).post(ownDossier + "/transfers",
                    "{\"toUnit\":\"Phòng Tư pháp\"}");
            assertThat(transferred.status()).as(transferred.body()).isEqualTo(200);
            Reply<JsonNode> resolved = HTTP.as(officer).post(ownDossier + "/resolution", "{\"outcome\":\"APPROVED\"}");
            assertThat(resolved.status()).as(resolved.body()).isEqualTo(200);
            assertRefused(HTTP.as(officer).post(neighbourDossier + "/resolution", "{\"outcome\":\"APPROVED\"}"));
            assertThat(HTTP.as(officer).get(neighbourDossier).status()).isIn(403, 404);
            assertThat(HTTP.as(admin).get(neighbourDossier).json().get("status").asText()).isEqualTo("RECEIVED");

            // The history names the officer (the token's sub) on each of its steps.
            JsonNode history = HTTP.as(officer).get(ownDossier).json().get("history");
            List<String> byOfficer = new ArrayList<>();
            history.forEach(line -> {
                if (OFFICER.equals(line.path("by").asText(null))) {
                    byOfficer.add(line.get("kind").asText());
                }
            });
            assertThat(byOfficer).as(history.toString()).hasSize(2);

            // The analyst reads its district's subtree (both communes' dossiers), not the province above it.
            String report = stack.url("reporting") + "/api/v1/reports/dossiers?from=" + today + "&to=" + today
                    + "&scope=subtree&officeId=";
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                Reply<JsonNode> district = HTTP.as(analyst).get(report + DISTRICT);
                assertThat(district.status()).as(district.body()).isEqualTo(200);
                assertThat(district.json().at("/received/total").asLong()).isEqualTo(2);
                assertThat(district.json().at("/resolved/total").asLong()).isEqualTo(1);
            });
            assertRefused(HTTP.as(analyst).get(report + PROVINCE));
            // Reports are the analyst's: an officer of the communes holds no reporting role.
            assertRefused(HTTP.as(officer).get(report + OWN));
        }
    }

    private static void assertRefused(Reply<JsonNode> answer) throws Exception {
        assertThat(answer.status()).as(answer.body()).isEqualTo(403);
        assertThat(answer.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(answer.json().get("status").asInt()).isEqualTo(403);
    }

    private static String receipt(String officeId) {
        return "{\"officeId\":\"" + officeId + "\",\"procedureCode\":\"1.001193\",\"channel\":\"IN_PERSON\","
                + "\"applicant\":{\"fullName\":\"Trần Thị Bình\"}}";
    }

    private static void registerCatalogue(String intake, Supplier<String> admin) throws Exception {
        List<String[]> offices = List.of(
                new String[] {PROVINCE, "{\"name\":\"Thành phố Hồ Chí Minh\",\"level\":\"PROVINCE\"}"},
                new String[] {DISTRICT, "{\"name\":\"Huyện Củ Chi\",\"level\":\"DISTRICT\",\"parentId\":\""
                        + PROVINCE + "\"}"},
                new String[] {OWN, "{\"name\":\"Xã Tân An Hội\",\"level\":\"COMMUNE\",\"parentId\":\""
                        + DISTRICT + "\"}"},
                new String[] {ALSO_OWN, "{\"name\":\"Xã Tân Phú Trung\",\"level\":\"COMMUNE\",\"parentId\":\""
                        + DISTRICT + "\"}"},
                new String[] {NEIGHBOUR, "{\"name\":\"Xã Tân Thạnh Đông\",\"level\":\"COMMUNE\",\"parentId\":\""
                        + DISTRICT + "\"}"});
        for (String[] office : offices) {
            Reply<JsonNode> put = HTTP.as(admin).put(intake + "/api/v1/offices/" + office[0], office[1]);
            assertThat(put.status()).as(put.body()).isIn(200, 201);
        }
        Reply<JsonNode> procedure = HTTP.as(admin).put(intake + "/api/v1/procedures/1.001193",
                "{\"name\":\"Đăng ký khai sinh\",\"field\":\"Hộ tịch\",\"processingDays\":3,"
                        + "\"onlineMode\":\"FULL\",\"postal\":true}");
        assertThat(procedure.status()).as(procedure.body()).isIn(200, 201);
    }
}
