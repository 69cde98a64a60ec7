package vn.motcua.reporting.rebuild;

import static vn.motcua.reporting.ReportingInfra.accept;
import static vn.motcua.reporting.ReportingInfra.report;
import vn.motcua.reporting.projection.ProjectionMetrics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.motcua.reporting.EventFeed.received;
import static vn.motcua.reporting.EventFeed.resolved;
import static vn.motcua.reporting.EventFeed.unique;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.events.Channel;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.Timeliness;
import vn.motcua.reporting.EventFeed;
import vn.motcua.reporting.ReportingInfra;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.reporting.ReportingInfra;

/**
 * A rebuild replays the topics from the beginning into fresh tables and swaps them in: damaged figures come
 * back whole, the live projector carries on afterwards without losing or doubling an event.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RebuildIT implements TestPropertyProvider {
    @Inject
    EmbeddedServer server;
    @Inject
    DataSource dataSource;
    @Inject
    ProjectionMetrics metrics;

    @Override
    public Map<String, String> getProperties() {
        return ReportingInfra.properties("reporting_rebuild_it", ReportingInfra.uniqueGroup("reporting-rebuild-it"));
    }

    @Test
    void aRebuildRestoresDamagedFiguresAndTheProjectorCarriesOn() throws Exception {
        String o = unique("H49.RB");
        String query = "officeId=" + o + "&from=2024-01-01&to=2024-01-31";
        JsonHttp<JsonNode> client = ReportingInfra.client(server.getURI());
        try (EventFeed feed = new EventFeed(ReportingInfra.infra().bootstrapServers())) {
            List<EventEnvelope> sent = feed.send(
                    received("a" + o, o, Channel.ONLINE, true, "2024-01-08T09:00", "2024-01-11T09:00"),
                    received("b" + o, o, Channel.IN_PERSON, false, "2024-01-08T10:00", "2024-01-11T10:00"),
                    received("c" + o, o, Channel.POSTAL, false, "2024-01-09T09:00", "2024-01-12T09:00"),
                    resolved("a" + o, o, Timeliness.EARLY, "2024-01-11T09:00", "2024-01-10T09:00"),
                    resolved("b" + o, o, Timeliness.ON_TIME, "2024-01-11T10:00", "2024-01-11T09:00"));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                JsonNode r = report(client, query);
                assertThat(r.get("received").get("total").asLong()).isEqualTo(3);
                assertThat(r.get("resolved").get("total").asLong()).isEqualTo(2);
            });

            // A defect lost rows of the live projection: facts and the office's counters.
            try (Connection c = dataSource.getConnection();
                 PreparedStatement facts = c.prepareStatement(
                         "delete from dossier_fact where office_id = ? and resolved_at is not null");
                 PreparedStatement counters = c.prepareStatement("delete from office_counter where office_id = ?")) {
                facts.setString(1, o);
                assertThat(facts.executeUpdate()).isEqualTo(2);
                counters.setString(1, o);
                assertThat(counters.executeUpdate()).isPositive();
            }
            assertThat(report(client, query).get("received").get("total").asLong()).isZero();

            Reply<JsonNode> started = client.send("POST", "/api/v1/projections/rebuild", null, accept("application/json"));
            assertThat(started.status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                JsonNode status = client.get("/api/v1/projections/status", accept("application/json")).json();
                assertThat(status.get("rebuild").get("state").asText()).isEqualTo("DONE");
                assertThat(status.get("rebuild").get("events").asLong()).isGreaterThanOrEqualTo(5);
                assertThat(status.get("rebuild").get("lag").asLong()).isZero();
            });
            JsonNode rebuilt = report(client, query);
            assertThat(rebuilt.get("received").get("total").asLong()).isEqualTo(3);
            assertThat(rebuilt.get("resolved").get("total").asLong()).isEqualTo(2);
            assertThat(rebuilt.get("inProgress").get("total").asLong()).isEqualTo(1);

            // After the swap: new events count, redelivered ones do not.
            double duplicatesBefore = metrics.duplicatesTotal();
            feed.resend(sent.subList(0, 1));
            feed.send(received("d" + o, o, Channel.ONLINE, true, "2024-01-15T09:00", "2024-01-18T09:00"));
            await().atMost(Duration.ofSeconds(30)).until(() -> metrics.duplicatesTotal() >= duplicatesBefore + 1);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(report(client, query).get("received").get("total").asLong()).isEqualTo(4));
            JsonNode after = report(client, query);
            assertThat(after.get("received").get("online").asLong()).isEqualTo(2);
            assertThat(after.get("resolved").get("total").asLong()).isEqualTo(2);
        }
    }
}
