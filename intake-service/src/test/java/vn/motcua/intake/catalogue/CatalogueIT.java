package vn.motcua.intake.catalogue;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.OfficeRegistered;
import vn.motcua.events.OnlineMode;
import vn.motcua.events.ProcedurePublished;
import vn.motcua.events.Topics;
import vn.motcua.intake.support.IntakeIntegrationBase;
import vn.motcua.testsupport.TopicProbe;
import static vn.motcua.intake.support.Problems.assertProblem;
import vn.motcua.intake.support.Fixtures;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import tools.jackson.databind.JsonNode;

class CatalogueIT extends IntakeIntegrationBase {

    @Test
    void officesAreCreatedThenUpdatedAndListed() {
        JsonHttp<JsonNode> api = api();
        String province = Fixtures.uniqueId("P");
        String district = province + ".17";

        Reply<JsonNode> created = api.put("/api/v1/offices/" + province,
                Fixtures.json(Map.of("name", "Tỉnh Bà Rịa - Vũng Tàu", "level", "PROVINCE")));
        assertThat(created.status()).isEqualTo(201);
        assertThat(api.put("/api/v1/offices/" + district, Fixtures.json(Map.of("name", "TP Vũng Tàu",
                "level", "DISTRICT", "parentId", province))).status()).isEqualTo(201);

        Reply<JsonNode> renamed = api.put("/api/v1/offices/" + district, Fixtures.json(Map.of("name", "Thành phố Vũng Tàu",
                "level", "DISTRICT", "parentId", province)));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(renamed.json().get("name").asString()).isEqualTo("Thành phố Vũng Tàu");

        var offices = api.get("/api/v1/offices").json();
        assertThat(offices.valueStream()
                .filter(o -> o.get("officeId").asString().equals(district))
                .map(o -> o.get("name").asString() + "|" + o.get("parentId").asString() + "|"
                        + o.get("level").asString()))
                .containsExactly("Thành phố Vũng Tàu|" + province + "|DISTRICT");
    }

    @Test
    void proceduresAreCreatedThenUpdatedAndListed() {
        JsonHttp<JsonNode> api = api();
        String code = Fixtures.uniqueId("2.");
        Map<String, Object> body = Map.of("name", "Đăng ký khai sinh", "field", "hộ tịch",
                "processingDays", 0.5, "onlineMode", "FULL", "postal", true);
        assertThat(api.put("/api/v1/procedures/" + code, Fixtures.json(body)).status()).isEqualTo(201);
        assertThat(api.put("/api/v1/procedures/" + code, Fixtures.json(Map.of("name", "Đăng ký khai sinh",
                "field", "hộ tịch", "processingDays", 1, "onlineMode", "FULL", "postal", true))).status())
                .isEqualTo(200);

        var procedures = api.get("/api/v1/procedures").json();
        assertThat(procedures.valueStream()
                .filter(p -> p.get("code").asString().equals(code))
                .map(p -> p.get("processingDays").asString() + "|" + p.get("onlineMode").asString()))
                .containsExactly("1|FULL");
    }

    @Test
    void catalogueChangesArePublishedInFullOnTheCatalogueTopic() {
        JsonHttp<JsonNode> api = api();
        String officeId = Fixtures.newOffice(api);
        String code = Fixtures.newProcedure(api, "2.5", "PARTIAL", false);

        List<ConsumerRecord<String, byte[]>> records = TopicProbe.await(bootstrapServers(), Topics.CATALOGUE,
                r -> r.key().equals(officeId) || r.key().equals(code), 2, Duration.ofSeconds(30));

        assertThat(records).hasSize(2);
        for (ConsumerRecord<String, byte[]> record : records) {
            assertThat(TopicProbe.header(record, "ce_source")).isEqualTo("/motcua/intake");
            assertThat(TopicProbe.header(record, "ce_specversion")).isEqualTo("1.0");
            EventEnvelope envelope = CloudEventsCodec.decode(record);
            if (envelope.data() instanceof OfficeRegistered office) {
                assertThat(office.officeId()).isEqualTo(officeId);
                assertThat(office.level()).isEqualTo(OfficeLevel.DISTRICT);
                assertThat(TopicProbe.header(record, "ce_type")).isEqualTo("vn.motcua.office.registered.v1");
            } else if (envelope.data() instanceof ProcedurePublished procedure) {
                assertThat(procedure.code()).isEqualTo(code);
                assertThat(procedure.processingDays()).isEqualByComparingTo("2.5");
                assertThat(procedure.onlineMode()).isEqualTo(OnlineMode.PARTIAL);
                assertThat(procedure.postal()).isFalse();
                assertThat(procedure.field()).isEqualTo("hộ tịch");
            } else {
                throw new AssertionError("unexpected event " + envelope.type());
            }
        }
    }

    @Test
    void badCatalogueInputIsRefusedNamingTheField() {
        JsonHttp<JsonNode> api = api();
        assertProblem(api.put("/api/v1/offices/" + Fixtures.uniqueId("X"), Fixtures.json(Map.of("name", "x",
                "level", "DISTRICT", "parentId", "NOPE" + Fixtures.uniqueId("")))), 422, "parentId");
        assertProblem(api.put("/api/v1/offices/bad%20id", Fixtures.json(Map.of("name", "x", "level", "DISTRICT"))),
                400, "officeId");
        assertProblem(api.put("/api/v1/offices/" + Fixtures.uniqueId("X"), Fixtures.json(Map.of("name", "x",
                "level", "HAMLET"))), 400, "level");
        assertProblem(api.put("/api/v1/offices/" + Fixtures.uniqueId("X"), Fixtures.json(Map.of("level", "DISTRICT"))),
                400, "name");
        assertProblem(api.put("/api/v1/procedures/" + Fixtures.uniqueId("9."), Fixtures.json(Map.of("name", "x",
                "field", "y", "processingDays", 1.3, "onlineMode", "NONE", "postal", false))), 400,
                "processingDays");
        assertProblem(api.put("/api/v1/procedures/" + Fixtures.uniqueId("9."), Fixtures.json(Map.of("name", "x",
                "field", "y", "processingDays", -1, "onlineMode", "NONE", "postal", false))), 400,
                "processingDays");
        assertProblem(api.put("/api/v1/procedures/" + Fixtures.uniqueId("9."), Fixtures.json(Map.of("name", "x",
                "field", "y", "processingDays", "three", "onlineMode", "NONE", "postal", false))), 400,
                "processingDays");
    }

    @Test
    void racingPutsOfANewOfficeCreateItOnce() throws Exception {
        JsonHttp<JsonNode> api = api();
        String officeId = Fixtures.uniqueId("RACE");
        String body = Fixtures.json(Map.of("name", "Xã đua", "level", "COMMUNE"));
        java.util.List<Reply<JsonNode>> responses = vn.motcua.intake.support.Concurrently.concurrently(6,
                () -> api.put("/api/v1/offices/" + officeId, body));
        assertThat(responses).extracting(Reply::status).containsOnly(200, 201);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?",
                Integer.class, "office:" + officeId)).isEqualTo(1);
    }

    @Test
    void anOfficeCannotBecomeItsOwnAncestor() {
        JsonHttp<JsonNode> api = api();
        String root = Fixtures.newOffice(api);
        String child = root + ".1";
        assertThat(api.put("/api/v1/offices/" + child, Fixtures.json(Map.of("name", "c", "level", "COMMUNE",
                "parentId", root))).status()).isEqualTo(201);
        assertProblem(api.put("/api/v1/offices/" + root, Fixtures.json(Map.of("name", "r", "level", "DISTRICT",
                "parentId", child))), 422, "parentId");
    }
}
