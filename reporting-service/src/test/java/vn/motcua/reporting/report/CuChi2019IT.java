package vn.motcua.reporting.report;

import static vn.motcua.reporting.ReportingInfra.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.motcua.events.Channel;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.MotcuaEvent;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.OfficeRegistered;
import vn.motcua.events.Outcome;
import vn.motcua.events.Timeliness;
import vn.motcua.reporting.EventFeed;
import vn.motcua.reporting.ReportingInfra;
import vn.motcua.testsupport.JsonHttp;
import vn.motcua.reporting.ReportingInfra;

/**
 * A generated stream shaped like the published figures of Củ Chi district for 2019 (DOMAIN.md, seeds):
 * 24,704 received, 10,119 of them for procedures offered online of which 3,750 submitted online, 23,972
 * resolved all on time, 732 in progress within the deadline at the year's end. The report must give them back.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CuChi2019IT implements TestPropertyProvider {
    private static final int RECEIVED = 24_704;
    private static final int ELIGIBLE = 10_119;
    private static final int ONLINE = 3_750;
    private static final int RESOLVED = 23_972;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        return ReportingInfra.properties("reporting_it", ReportingInfra.uniqueGroup("reporting-it-cuchi"));
    }

    @Test
    void theReportGivesBackThePublishedFigures() {
        String cuChi = EventFeed.unique("H79.783.");
        List<MotcuaEvent> events = new ArrayList<>(RECEIVED + RESOLVED + 1);
        events.add(new OfficeRegistered(cuChi, "UBND huyện Củ Chi", OfficeLevel.DISTRICT, null,
                EventFeed.at("2018-01-01T08:00")));
        Random random = new Random(2019);
        for (int i = 0; i < RECEIVED; i++) {
            String id = cuChi + "-" + i;
            boolean eligible = i < ELIGIBLE;
            Channel channel = i < ONLINE ? Channel.ONLINE : (i % 10 == 0 ? Channel.POSTAL : Channel.IN_PERSON);
            boolean resolved = i >= RECEIVED - RESOLVED; // the first 732 stay open: received late in December
            LocalDate day = resolved
                    ? LocalDate.of(2019, 1, 2).plusDays(random.nextInt(330))
                    : LocalDate.of(2019, 12, 26).plusDays(random.nextInt(6));
            Instant receivedAt = day.atTime(LocalTime.of(8, 0).plusMinutes(random.nextInt(480)))
                    .atZone(EventFeed.VN).toInstant();
            Instant dueAt = receivedAt.plus(Duration.ofDays(10));
            events.add(new DossierReceived(id, cuChi + "-" + i, cuChi, eligible ? "1.001612" : "2.000046",
                    eligible ? "Đất đai" : "Hộ tịch", channel, eligible, BigDecimal.valueOf(7), receivedAt, dueAt));
            if (resolved) {
                boolean early = random.nextInt(3) > 0;
                Instant resolvedAt = early ? receivedAt.plus(Duration.ofDays(2)) : dueAt.minus(Duration.ofHours(1));
                events.add(new DossierResolved(id, cuChi, Outcome.APPROVED, null,
                        early ? Timeliness.EARLY : Timeliness.ON_TIME, dueAt, resolvedAt));
            }
        }
        try (EventFeed feed = new EventFeed(ReportingInfra.infra().bootstrapServers())) {
            feed.send(events);
        }

        JsonHttp<JsonNode> client = ReportingInfra.client(server.getURI());
        String query = "officeId=" + cuChi + "&from=2019-01-01&to=2019-12-31";
        await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                assertThat(report(client, query).get("resolved").get("total").asLong()).isEqualTo(RESOLVED));
        JsonNode r = report(client, query);
        assertThat(r.get("received").get("total").asLong()).isEqualTo(RECEIVED);
        assertThat(r.get("received").get("carriedOver").asLong()).isZero();
        assertThat(r.get("received").get("online").asLong()).isEqualTo(ONLINE);
        assertThat(r.get("resolved").get("late").asLong()).isZero();
        assertThat(r.get("resolved").get("early").asLong() + r.get("resolved").get("onTime").asLong())
                .isEqualTo(RESOLVED);
        assertThat(r.get("withdrawn").asLong()).isZero();
        assertThat(r.get("inProgress").get("total").asLong()).isEqualTo(RECEIVED - RESOLVED).isEqualTo(732);
        assertThat(r.get("inProgress").get("withinDeadline").asLong()).isEqualTo(732);
        assertThat(r.get("inProgress").get("overdue").asLong()).isZero();
        assertThat(r.get("online").get("eligible").asLong()).isEqualTo(ELIGIBLE);
        assertThat(r.get("online").get("submitted").asLong()).isEqualTo(ONLINE);
        assertThat(r.get("rates").get("online").decimalValue()).isEqualByComparingTo("0.3706");
        assertThat(r.get("rates").get("onTime").decimalValue()).isEqualByComparingTo("1");
        assertThat(r.get("rates").get("resolved").decimalValue()).isEqualByComparingTo("0.9704");
    }
}
