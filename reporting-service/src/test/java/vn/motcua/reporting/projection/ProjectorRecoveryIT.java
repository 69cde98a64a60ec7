package vn.motcua.reporting.projection;

import static vn.motcua.reporting.ReportingInfra.accept;
import static vn.motcua.reporting.ReportingInfra.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.motcua.reporting.EventFeed.received;
import static vn.motcua.reporting.EventFeed.unique;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import vn.motcua.events.Channel;
import vn.motcua.kafka.LoopState;
import vn.motcua.reporting.EventFeed;
import vn.motcua.reporting.ReportingInfra;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.testsupport.JsonHttp.Reply;
import vn.motcua.reporting.ReportingInfra;

/**
 * Issue 13: the projector cannot die. Its batches fail (the table its positions live in is gone: every apply
 * rolls back) for as long as the fault lasts; meanwhile {@code /health} says DOWN and names it, the loop keeps
 * retrying, and nothing is half-written. Once the table is back it carries on by itself: every event counted once.
 */
class ProjectorRecoveryIT {

    @Test
    void aFailingProjectorKeepsRetryingHealthSaysDownMeanwhileAndItRecoversAlone() throws Exception {
        Map<String, Object> properties = new HashMap<>(ReportingInfra.properties("reporting_recovery_it",
                ReportingInfra.uniqueGroup("reporting-recovery-it")));
        properties.put("motcua.health.consumer-failing-for", "1s");
        String o = unique("H49.PR");
        String query = "officeId=" + o + "&from=2024-03-01&to=2024-03-31";
        try (EventFeed feed = new EventFeed(ReportingInfra.infra().bootstrapServers());
             ApplicationContext context = ApplicationContext.run(EmbeddedServer.class, properties)
                     .getApplicationContext()) {
            JsonHttp<JsonNode> client = ReportingInfra.client(context.getBean(EmbeddedServer.class).getURI());
            JsonHttp<JsonNode> anonymous = client.anonymous();
            Projector projector = context.getBean(Projector.class);
            DataSource dataSource = context.getBean(DataSource.class);
            feed.send(received("a" + o, o, Channel.ONLINE, true, "2024-03-04T09:00", "2024-03-07T09:00"));
            await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                    assertThat(report(client, query).get("received").get("total").asLong()).isEqualTo(1));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(projector(anonymous).get("status").asText()).isEqualTo("UP"));

            execute(dataSource, "alter table projection_offset rename to projection_offset_away");
            feed.send(received("b" + o, o, Channel.IN_PERSON, false, "2024-03-05T09:00", "2024-03-08T09:00"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                Reply<JsonNode> health = anonymous.get("/health", accept("application/json"));
                assertThat(health.status()).isEqualTo(503);
                JsonNode projectorHealth = health.json().get("details").get(Projector.NAME);
                assertThat(projectorHealth.get("status").asText()).isEqualTo("DOWN");
                assertThat(projectorHealth.get("details").get("reason").asText()).startsWith("failing since");
                assertThat(projectorHealth.get("details").get("lastError").asText()).isNotBlank();
            });
            long failures = projector.status().failures();
            await().atMost(Duration.ofSeconds(60)).until(() -> projector.status().failures() > failures);
            assertThat(projector.status().state()).isEqualTo(LoopState.BACKING_OFF);
            assertThat(projector.ready()).isTrue();
            // Every failed batch rolled back whole: the second receipt is not there, the first not doubled.
            assertThat(report(client, query).get("received").get("total").asLong()).isEqualTo(1);

            execute(dataSource, "alter table projection_offset_away rename to projection_offset");
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                JsonNode r = report(client, query);
                assertThat(r.get("received").get("total").asLong()).isEqualTo(2);
                assertThat(projector(anonymous).get("status").asText()).isEqualTo("UP");
            });
            JsonNode r = report(client, query);
            assertThat(r.get("received").get("online").asLong()).isEqualTo(1);
            assertThat(r.get("received").get("inPerson").asLong()).isEqualTo(1);
            assertThat(anonymous.get("/health", accept("application/json")).status()).isEqualTo(200);
        }
    }

    private static JsonNode projector(JsonHttp<JsonNode> anonymous) {
        return anonymous.get("/health", accept("application/json")).json().get("details").get(Projector.NAME);
    }

    private static void execute(DataSource dataSource, String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
