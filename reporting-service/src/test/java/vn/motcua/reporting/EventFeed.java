package vn.motcua.reporting;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.motcua.testsupport.TopicProbe;
import vn.motcua.events.ApologyLetterIssued;
import vn.motcua.events.Channel;
import vn.motcua.events.CloudEventsCodec;
import vn.motcua.events.DossierReceived;
import vn.motcua.events.DossierResolved;
import vn.motcua.events.DossierWithdrawn;
import vn.motcua.events.EventEnvelope;
import vn.motcua.events.MotcuaEvent;
import vn.motcua.events.OfficeLevel;
import vn.motcua.events.OfficeRegistered;
import vn.motcua.events.Outcome;
import vn.motcua.events.SupplementReceived;
import vn.motcua.events.SupplementRequested;
import vn.motcua.events.Timeliness;

/** Produces real CloudEvents records to the contract topics, as intake and workflow would. */
public final class EventFeed implements AutoCloseable {
    public static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");

    private final TopicProbe topics;

    public EventFeed(String bootstrapServers) {
        topics = new TopicProbe(bootstrapServers);
    }

    /** Wraps each event in a fresh envelope, sends them in order and waits for the broker's acks. */
    public List<EventEnvelope> send(MotcuaEvent... events) {
        List<EventEnvelope> envelopes = new ArrayList<>();
        for (MotcuaEvent event : events) {
            envelopes.add(EventEnvelope.of(UUID.randomUUID(), "/test/reporting", event));
        }
        resend(envelopes);
        return envelopes;
    }

    public void send(List<? extends MotcuaEvent> events) {
        send(events.toArray(MotcuaEvent[]::new));
    }

    /** Sends envelopes as they are: the same ce_id again is what an at-least-once producer does. */
    public void resend(List<EventEnvelope> envelopes) {
        topics.publish(envelopes.stream().map(CloudEventsCodec::encode).toList());
    }

    @Override
    public void close() {
        topics.close();
    }

    // ---- event builders (times are local Vietnamese times, as officers write them) ----

    public static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(VN).toInstant();
    }

    public static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8).toUpperCase().replace("-", "");
    }

    public static OfficeRegistered office(String id, String parentId, OfficeLevel level) {
        return new OfficeRegistered(id, "Office " + id, level, parentId, at("2019-01-01T08:00"));
    }

    public static DossierReceived received(String dossierId, String officeId, Channel channel, boolean eligible,
                                           String receivedAt, String dueAt) {
        return received(dossierId, officeId, "1.001612", "Đất đai", channel, eligible, receivedAt, dueAt);
    }

    public static DossierReceived received(String dossierId, String officeId, String procedure, String field,
                                           Channel channel, boolean eligible, String receivedAt, String dueAt) {
        return new DossierReceived(dossierId, officeId + "-" + dossierId, officeId, procedure, field, channel,
                eligible, BigDecimal.valueOf(3), at(receivedAt), at(dueAt));
    }

    public static DossierResolved resolved(String dossierId, String officeId, Timeliness timeliness,
                                           String dueAt, String resolvedAt) {
        return new DossierResolved(dossierId, officeId, Outcome.APPROVED, null, timeliness, at(dueAt),
                at(resolvedAt));
    }

    public static DossierWithdrawn withdrawn(String dossierId, String officeId, String at) {
        return new DossierWithdrawn(dossierId, officeId, "applicant's request", at(at));
    }

    public static SupplementRequested supplementRequested(String dossierId, String officeId, String at) {
        return new SupplementRequested(dossierId, officeId, "missing land-use certificate copy", at(at));
    }

    public static SupplementReceived supplementReceived(String dossierId, String officeId, String at,
                                                        String newDueAt) {
        return new SupplementReceived(dossierId, officeId, at(at), at(newDueAt));
    }

    public static ApologyLetterIssued apology(String dossierId, String officeId, String issuedAt, boolean inTime) {
        return new ApologyLetterIssued(dossierId, officeId, 1, "inter-agency verification", "Phòng TN-MT",
                at(issuedAt).plusSeconds(5 * 86400L), at(issuedAt), inTime);
    }
}
