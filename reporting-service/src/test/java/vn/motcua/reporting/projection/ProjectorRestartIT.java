package vn.motcua.reporting.projection;

import static vn.motcua.reporting.ReportingInfra.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.motcua.reporting.EventFeed.received;
import static vn.motcua.reporting.EventFeed.resolved;
import static vn.motcua.reporting.EventFeed.unique;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.motcua.events.Channel;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.MotcuaEvent;
import vn.motcua.events.Timeliness;
import vn.motcua.reporting.EventFeed;
import vn.motcua.reporting.ReportingInfra;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.reporting.ReportingInfra;

/**
 * The service is stopped while it is still projecting a stream and started again on the same database: it
 * resumes from the offsets stored with the rows, so nothing is lost and nothing is counted twice.
 */
class ProjectorRestartIT {
    private static final int DOSSIERS = 1500;

    @Test
    void aRestartInTheMiddleOfTheStreamLosesNothingAndDoublesNothing() {
        Map<String, Object> properties = new HashMap<>(ReportingInfra.properties("reporting_restart_it",
                ReportingInfra.uniqueGroup("reporting-restart-it")));
        properties.put("motcua.projector.max-poll-records", "50"); // many small transactions: stop lands mid-stream
        String o = unique("H49.R");
        String query = "officeId=" + o + "&from=2023-01-01&to=2023-12-31";

        List<MotcuaEvent> receipts = new ArrayList<>();
        List<MotcuaEvent> resolutions = new ArrayList<>();
        for (int i = 0; i < DOSSIERS; i++) {
            String id = "r" + i + o;
            receipts.add(received(id, o, i % 2 == 0 ? Channel.ONLINE : Channel.IN_PERSON, true,
                    "2023-03-01T09:00", "2023-03-06T09:00"));
            resolutions.add(resolved(id, o, Timeliness.ON_TIME, "2023-03-06T09:00", "2023-03-06T08:00"));
        }

        try (EventFeed feed = new EventFeed(ReportingInfra.infra().bootstrapServers())) {
            List<EventEnvelope> sentReceipts = feed.send(receipts.toArray(MotcuaEvent[]::new));
            feed.send(resolutions.subList(0, DOSSIERS / 2));

            try (ApplicationContext first = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext()) {
                JsonHttp<JsonNode> client = ReportingInfra.client(first.getBean(EmbeddedServer.class).getURI());
                // Some, not necessarily all, of the stream is in (a 404 until the first receipt is projected).
                // The projector reads every earlier test's events first, 50 per transaction: a generous deadline
                // for a loaded machine.
                await().atMost(Duration.ofSeconds(180)).untilAsserted(() ->
                        assertThat(report(client, query).get("received").get("total").asLong()).isPositive());
            } // stopped here, wherever the projector was

            // While it is down: the rest of the stream, and every receipt again (an at-least-once redelivery).
            feed.send(resolutions.subList(DOSSIERS / 2, DOSSIERS));
            feed.resend(sentReceipts.subList(0, 100));

            try (ApplicationContext second = ApplicationContext.run(EmbeddedServer.class, properties).getApplicationContext()) {
                JsonHttp<JsonNode> client = ReportingInfra.client(second.getBean(EmbeddedServer.class).getURI());
                ProjectionMetrics metrics = second.getBean(ProjectionMetrics.class);
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    JsonNode r = report(client, query);
                    assertThat(r.get("resolved").get("total").asLong()).isEqualTo(DOSSIERS);
                });
                // The redelivered receipts were read after the rest of the intake stream: wait for them too.
                await().atMost(Duration.ofSeconds(60)).until(() -> metrics.duplicatesTotal() >= 100);
                JsonNode r = report(client, query);
                assertThat(r.get("received").get("total").asLong()).isEqualTo(DOSSIERS);
                assertThat(r.get("received").get("online").asLong()).isEqualTo(DOSSIERS / 2);
                assertThat(r.get("received").get("inPerson").asLong()).isEqualTo(DOSSIERS / 2);
                assertThat(r.get("resolved").get("onTime").asLong()).isEqualTo(DOSSIERS);
                assertThat(r.get("inProgress").get("total").asLong()).isZero();
                assertThat(r.get("online").get("submitted").asLong()).isEqualTo(DOSSIERS / 2);
            }
        }
    }
}
