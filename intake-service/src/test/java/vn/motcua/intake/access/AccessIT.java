package vn.motcua.intake.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.motcua.intake.support.IntakeIntegrationBase;
import vn.motcua.intake.support.Fixtures;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.intake.support.Tokens;

/** The office rules in action: a commune's clerk, its neighbour, the district's officer; who did it, on the event. */
class AccessIT extends IntakeIntegrationBase {
    private JsonHttp<JsonNode> admin;
    private String district;
    private String here;
    private String neighbour;
    private String procedure;

    @BeforeEach
    void catalogue() {
        admin = api();
        district = Fixtures.newOffice(admin, "DISTRICT", null);
        here = Fixtures.newOffice(admin, "COMMUNE", district);
        neighbour = Fixtures.newOffice(admin, "COMMUNE", district);
        procedure = Fixtures.newProcedure(admin, "1", "NONE", false);
    }

    @Test
    void aClerkReceivesAtItsCommuneAndIsRefusedAtTheNeighbourWithNothingWritten() {
        JsonHttp<JsonNode> clerk = admin.as(Tokens.bearer("clerk-" + here, List.of("clerk"), List.of(here)));
        int eventsBefore = dossierEvents();

        Reply<JsonNode> ok = clerk.post("/api/v1/dossiers", Fixtures.dossierBody(here, procedure));
        Reply<JsonNode> refused = clerk.post("/api/v1/dossiers", Fixtures.dossierBody(neighbour, procedure));

        assertThat(ok.status()).as(ok.body()).isEqualTo(201);
        assertForbidden(refused);
        assertThat(refused.json().get("detail").asString()).contains(neighbour);
        assertThat(dossiersAt(neighbour)).isZero();
        assertThat(dossierEvents()).isEqualTo(eventsBefore + 1);
        // the repeat with an Idempotency-Key is refused the same way: no claim is left behind either
        Reply<JsonNode> again = clerk.post("/api/v1/dossiers", Fixtures.dossierBody(neighbour, procedure),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertForbidden(again);
        assertThat(dossiersAt(neighbour)).isZero();
    }

    @Test
    void everyReceiptRecordsItsActorOnTheEvent() {
        String sub = "clerk-" + UUID.randomUUID();
        Reply<JsonNode> ok = admin.as(Tokens.bearer(sub, List.of("clerk"), List.of(here)))
                .post("/api/v1/dossiers", Fixtures.dossierBody(here, procedure));

        assertThat(ok.status()).isEqualTo(201);
        assertThat(metaDataOf(ok.json().get("dossierId").asString())).contains("\"by\":\"" + sub + "\"");
        assertThat(metaDataOf(ok.json().get("dossierId").asString())).doesNotContain("Nguyễn").doesNotContain("079201001234");
    }

    @Test
    void catalogueChangesRecordTheirActorOnTheEvents() {
        String office = Fixtures.uniqueId("T");
        Reply<JsonNode> r = admin.as(Tokens.bearer("admin-" + office, List.of("admin"), List.of("*")))
                .put("/api/v1/offices/" + office, Fixtures.json(Map.of("name", "x", "level", "DISTRICT")));

        assertThat(r.status()).isEqualTo(201);
        assertThat(metaDataOf("office:" + office)).contains("\"by\":\"admin-" + office + "\"");
    }

    @Test
    void aBulkImportRejectsEachLineOutsideTheClerksOfficesAndWritesNothingForIt() {
        JsonHttp<JsonNode> clerk = admin.as(Tokens.bearer("clerk-" + here, List.of("clerk"), List.of(here)));
        String ndjson = line(here, "IMP-" + here) + "\n" + line(neighbour, "IMP-" + neighbour) + "\n"
                + line("NO.SUCH.OFFICE", "IMP-none") + "\n";

        Reply<JsonNode> r = clerk.post("/api/v1/imports/dossiers", ndjson);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode summary = r.json();
        assertThat(summary.get("accepted").asLong()).isEqualTo(1);
        assertThat(summary.get("rejected").asLong()).isEqualTo(2);
        assertThat(summary.get("errors").get(0).get("line").asLong()).isEqualTo(2);
        assertThat(summary.get("errors").get(0).get("field").asString()).isEqualTo("officeId");
        assertThat(summary.get("errors").get(1).get("line").asLong()).isEqualTo(3);
        assertThat(summary.get("errors").get(1).get("field").asString()).isEqualTo("officeId");
        assertThat(dossiersAt(here)).isEqualTo(1);
        assertThat(dossiersAt(neighbour)).isZero();
    }

    @Test
    void anOfficerReadsTheIntakeRecordsOfItsOfficesOnly() {
        String dossier = admin.post("/api/v1/dossiers", Fixtures.dossierBody(here, procedure)).json().get("dossierId").asString();
        String otherDistrict = Fixtures.newOffice(admin, "DISTRICT", null);
        JsonHttp<JsonNode> officer = admin.as(Tokens.bearer("officer", List.of("officer"), List.of(district)));
        JsonHttp<JsonNode> stranger = admin.as(Tokens.bearer("officer", List.of("officer"), List.of(otherDistrict)));
        JsonHttp<JsonNode> analyst = admin.as(Tokens.bearer("analyst", List.of("analyst"), List.of("*")));

        assertThat(officer.get("/api/v1/dossiers/" + dossier).status()).isEqualTo(200);
        assertThat(officer.get("/api/v1/dossiers/" + dossier + "/receipt").status()).isEqualTo(200);
        assertForbidden(stranger.get("/api/v1/dossiers/" + dossier));
        assertForbidden(stranger.get("/api/v1/dossiers/" + dossier + "/receipt"));
        assertForbidden(analyst.get("/api/v1/dossiers/" + dossier));
        // an unknown dossier is the controller's 404, not a refusal
        assertThat(officer.get("/api/v1/dossiers/" + UUID.randomUUID()).status()).isEqualTo(404);
        // an officer does not receive
        assertForbidden(officer.post("/api/v1/dossiers", Fixtures.dossierBody(here, procedure)));
    }

    @Test
    void officesThatDoNotExistGrantNothingAndNeverFail() {
        String dossier = admin.post("/api/v1/dossiers", Fixtures.dossierBody(here, procedure)).json().get("dossierId").asString();
        JsonHttp<JsonNode> ghost = admin.as(Tokens.bearer("ghost", List.of("clerk", "officer"),
                List.of("NO.SUCH", "", " ", "x".repeat(300))));

        assertForbidden(ghost.get("/api/v1/dossiers/" + dossier));
        assertForbidden(ghost.post("/api/v1/dossiers", Fixtures.dossierBody(here, procedure)));
        assertForbidden(ghost.post("/api/v1/dossiers", Fixtures.dossierBody("NO.SUCH.EITHER", procedure)));
        assertThat(ghost.get("/api/v1/offices").status()).isEqualTo(200);
    }

    @Test
    void unknownRolesGrantNothing() {
        JsonHttp<JsonNode> unknown = admin.as(Tokens.bearer("root", List.of("root", "superadmin", "Admin"), List.of("*")));

        assertForbidden(unknown.put("/api/v1/offices/" + Fixtures.uniqueId("T"),
                Fixtures.json(Map.of("name", "x", "level", "DISTRICT"))));
        assertForbidden(unknown.post("/api/v1/dossiers", Fixtures.dossierBody(here, procedure)));
        assertForbidden(unknown.get("/prometheus"));
    }

    private String line(String office, String externalRef) {
        return Fixtures.json(Map.of("officeId", office, "procedureCode", procedure, "channel", "IN_PERSON",
                "receivedAt", "2019-05-06T09:00:00+07:00", "externalRef", externalRef,
                "applicant", Map.of("fullName", "Trần Thị B")));
    }

    private int dossiersAt(String office) {
        return jdbc.queryForObject("SELECT count(*) FROM dossier WHERE office_id = ?", Integer.class, office);
    }

    private int dossierEvents() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry WHERE type = 'Dossier'", Integer.class);
    }

    private String metaDataOf(String aggregate) {
        return jdbc.queryForObject("SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry"
                + " WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1", String.class, aggregate);
    }

    static void assertForbidden(Reply<JsonNode> r) {
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().get("status").asInt()).isEqualTo(403);
        assertThat(r.body()).doesNotContain("Exception");
    }
}
