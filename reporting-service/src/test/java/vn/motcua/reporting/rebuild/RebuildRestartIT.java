package vn.motcua.reporting.rebuild;

import static vn.motcua.reporting.ReportingInfra.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.motcua.reporting.EventFeed.received;
import static vn.motcua.reporting.EventFeed.resolved;
import static vn.motcua.reporting.EventFeed.supplementRequested;
import static vn.motcua.reporting.EventFeed.unique;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.motcua.events.Channel;
import vn.motcua.events.Timeliness;
import vn.motcua.reporting.EventFeed;
import vn.motcua.reporting.ReportingInfra;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.reporting.ReportingInfra;

/**
 * The service is stopped while a rebuild runs: wherever the stop lands (loading, indexing, swapping), the
 * figures after a restart are whole (the old tables, or the completely rebuilt ones: never half of each), and
 * the next rebuild completes.
 */
class RebuildRestartIT {
    @Test
    void aStopDuringARebuildLeavesWholeFiguresAndTheNextRebuildCompletes() {
        Map<String, Object> properties = Map.copyOf(ReportingInfra.properties("reporting_rebuild_restart_it",
                ReportingInfra.uniqueGroup("reporting-rebuild-restart-it")));
        String o = unique("H49.RR");
        String query = "officeId=" + o + "&from=2024-02-01&to=2024-02-29";
        try (EventFeed feed = new EventFeed(ReportingInfra.infra().bootstrapServers())) {
            feed.send(received("a" + o, o, Channel.ONLINE, true, "2024-02-05T09:00", "2024-02-08T09:00"),
                    received("b" + o, o, Channel.IN_PERSON, false, "2024-02-06T09:00", "2024-02-09T09:00"),
                    resolved("a" + o, o, Timeliness.ON_TIME, "2024-02-08T09:00", "2024-02-08T08:00"),
                    supplementRequested("b" + o, o, "2024-02-07T10:00"));
        }
        JsonNode before;
        try (ApplicationContext first = ApplicationContext.run(EmbeddedServer.class, properties)
                .getApplicationContext()) {
            JsonHttp<JsonNode> client = ReportingInfra.client(first.getBean(EmbeddedServer.class).getURI());
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                JsonNode r = report(client, query);
                assertThat(r.get("received").get("total").asLong()).isEqualTo(2);
                assertThat(r.get("resolved").get("total").asLong()).isEqualTo(1);
                assertThat(r.get("inProgress").get("awaitingSupplement").asLong()).isEqualTo(1);
            });
            before = report(client, query);
            assertThat(first.getBean(ProjectionRebuild.class).start()).isTrue();
        } // stopped with the rebuild under way

        try (ApplicationContext second = ApplicationContext.run(EmbeddedServer.class, properties)
                .getApplicationContext()) {
            JsonHttp<JsonNode> client = ReportingInfra.client(second.getBean(EmbeddedServer.class).getURI());
            assertThat(report(client, query)).isEqualTo(before);
            ProjectionRebuild rebuild = second.getBean(ProjectionRebuild.class);
            assertThat(rebuild.start()).isTrue();
            await().atMost(Duration.ofSeconds(90)).until(() -> !rebuild.status().running());
            assertThat(rebuild.status().state()).isEqualTo("DONE");
            assertThat(report(client, query)).isEqualTo(before);
        }
    }
}
