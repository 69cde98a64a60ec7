package vn.motcua.workflow.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.motcua.testsupport.JsonHttp.Reply;

/**
 * Issue 11, "bad input for every new field", the cases Contract11IT does not name: a payment's
 * {@code online} and a return's {@code electronicResult} that are not booleans, ratings that are not one of the
 * three values (a number out of range, null, missing, an unknown name) on dossiers and petitions. Each is a 400
 * problem+json naming the field, and nothing is written: no step, no event, and the one rating allowed is still
 * there to give.
 */
class Contract11BadInputIT extends WorkflowIntegrationTestBase {

    private static final Instant RECEIVED = local("2026-03-02T09:00");
    private static final Instant DUE = local("2026-03-05T09:00");

    @Test
    void paymentReturnAndRatingFieldsOfTheWrongTypeAreRefusedNamingTheField() throws Exception {
        String id = newDossierId("H49");
        openDossier(id, "H49", RECEIVED, DUE);
        String base = "/api/v1/dossiers/" + id;

        assertProblem(post(base + "/payments", "{\"amount\":50000,\"online\":\"yes\"}"), 400, "online");
        assertProblem(post(base + "/payments", "{\"amount\":50000,\"online\":null}"), 400, "online");
        assertThat(post(base + "/resolution", "{\"outcome\":\"APPROVED\",\"at\":\"2026-03-03T10:00:00+07:00\"}")
                .status()).isEqualTo(200);
        assertProblem(post(base + "/return", "{\"method\":\"ONLINE\",\"electronicResult\":\"yes\","
                + "\"at\":\"2026-03-03T11:00:00+07:00\"}"), 400, "electronicResult");
        assertThat(get(base).json().path("status").asString()).isEqualTo("RESOLVED");
        assertThat(post(base + "/return", "{\"method\":\"ONLINE\",\"electronicResult\":true,"
                + "\"at\":\"2026-03-03T11:00:00+07:00\"}").status()).isEqualTo(200);

        assertProblem(post(base + "/ratings", "{\"rating\":3}"), 400, "rating");
        assertProblem(post(base + "/ratings", "{\"rating\":2}"), 400, "rating"); // a name, never a position
        assertProblem(post(base + "/ratings", "{\"rating\":null}"), 400, "rating");
        assertProblem(post(base + "/ratings", "{\"rating\":\"EXCELLENT\"}"), 400, "rating");
        assertThat(steps(get(base).json())).doesNotContain("PAYMENT", "FEE_PAID", "RATED");
        // The refusals used nothing up: the one rating allowed is still there to give.
        assertThat(post(base + "/ratings", "{\"rating\":\"NEUTRAL\",\"at\":\"2026-03-03T12:00:00+07:00\"}")
                .status()).isEqualTo(200);
        awaitPublished(ofType(id, "vn.motcua.dossier.rated.v1"));
        assertThat(publishedSteps(id)).containsExactly("vn.motcua.dossier.resolved.v1",
                "vn.motcua.dossier.result-returned.v1", "vn.motcua.dossier.rated.v1");
    }

    @Test
    void aPetitionRatingThatIsNotOneOfTheThreeValuesIsRefused() throws Exception {
        String office = "PB" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        Reply<JsonNode> created = post("/api/v1/petitions", "{\"officeId\":\"" + office + "\",\"category\":\"phí\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String petition = "/api/v1/petitions/" + created.json().path("petitionId").asString();
        assertThat(post(petition + "/answer", "{}").status()).isEqualTo(200);

        assertProblem(post(petition + "/rating", "{\"rating\":2}"), 400, "rating");
        assertProblem(post(petition + "/rating", "{\"rating\":null}"), 400, "rating");
        assertProblem(post(petition + "/rating", "{}"), 400, "rating");
        Reply<JsonNode> rated = post(petition + "/rating", "{\"rating\":\"SATISFIED\"}");
        assertThat(rated.status()).as(rated.body()).isEqualTo(200);
    }
}
