package vn.motcua.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import vn.motcua.events.CloudEventsCodec.MalformedEventException;
import vn.motcua.events.CloudEventsCodec.UnknownEventTypeException;

/**
 * The codec's fast path must read every record exactly as the mapper does — the same envelope, or the same reason
 * to skip it — since every consumer (and a rebuild, which must give what the live projection gave) decodes through
 * it; and the producers' own records must take it.
 */
class PlainRecordsTest {

    @Test
    void everyContractEventTakesTheFastPathAndDecodesAsTheMapperDecodesIt() {
        List<MotcuaEvent> events = new ArrayList<>(CloudEventsCodecTest.samples());
        Instant at = Instant.parse("2024-03-01T01:02:03.123456Z");
        events.add(new ProcedurePublished("1.001612", "Cấp giấy chứng nhận\tđất", "Đất đai", new BigDecimal("7.5"),
                OnlineMode.PARTIAL, true, at));
        events.add(new DossierTransferred("DEC-1", "DEC.D0", "Phòng TN-MT", "DEC", null, at));
        events.add(new DossierDueSoon("DEC-1", "DEC.D0", at, at.minusSeconds(86_400)));
        events.add(new ResultReturned("DEC-1", "DEC.D0", ReturnMethod.values()[0], at));
        events.add(new DossierWithdrawn("DEC-1", "DEC.D0", "rút theo đề nghị", at.plusNanos(1)));
        events.add(new DossierResolved("DEC-1", "DEC.D0", Outcome.REFUSED, "không đủ điều kiện", Timeliness.LATE,
                at, at.plusSeconds(1)));
        for (MotcuaEvent event : events) {
            ConsumerRecord<String, byte[]> record = consumed(CloudEventsCodec.encode(
                    EventEnvelope.of(UUID.randomUUID(), "/test", event)));
            EventEnvelope fast = PlainRecords.decode(record);
            assertThat(fast).as("the producers' own encoding is the plain shape: %s", event).isNotNull();
            assertThat(fast).isEqualTo(CloudEventsCodec.decodeWithMapper(record));
            assertThat(CloudEventsCodec.decode(record)).isEqualTo(fast);
        }
    }

    @Test
    void unusualButValidEncodingsGetTheMappersAnswer() {
        String receipt = "{\"dossierId\":\"D1\",\"code\":\"C1\",\"officeId\":\"O1\",\"procedureCode\":\"1.001\","
                + "\"field\":\"Đất đai\",\"channel\":\"ONLINE\",\"onlineEligible\":true,\"processingDays\":3,"
                + "\"receivedAt\":\"%s\",\"dueAt\":\"2024-01-11T02:00:00Z\"%s}";
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (String json : List.of(
                receipt.formatted("2024-01-08T09:00:00+07:00", ""), // an offset, not Z
                receipt.formatted("2024-01-08T02:00:00Z", ",\"note\":{\"a\":[1,2]}"), // a field added later
                receipt.formatted("2024-01-08T02:00:00.5Z", ",\"dossierId\":\"D2\""), // a field twice
                receipt.formatted("2024-01-08T02:00:00Z", "").replace("\"onlineEligible\":true,", ""),
                receipt.formatted("2024-01-08T02:00:00Z", "").replace("3,", "\"3\","))) {
            records.add(record("vn.motcua.dossier.received.v1", json, "5b2e6f1c-0c7d-4f7e-9a55-0a0b0c0d0e0f",
                    "2024-01-08T02:00:00Z"));
        }
        // A non-canonical UUID and a time with an offset in the headers.
        records.add(record("vn.motcua.dossier.withdrawn.v1",
                "{\"dossierId\":\"D1\",\"officeId\":\"O1\",\"withdrawnAt\":\"2024-01-08T02:00:00Z\"}",
                "5B2E6F1C-0C7D-4F7E-9A55-0A0B0C0D0E0F", "2024-01-08T09:00:00+07:00"));
        int mapped = 0;
        for (ConsumerRecord<String, byte[]> record : records) {
            String json = new String(record.value(), StandardCharsets.UTF_8);
            assertThat(outcome(() -> CloudEventsCodec.decode(record))).as(json)
                    .isEqualTo(outcome(() -> CloudEventsCodec.decodeWithMapper(record)));
            EventEnvelope fast = PlainRecords.decode(record);
            if (fast == null) {
                mapped++;
            } else {
                assertThat(fast).as(json).isEqualTo(CloudEventsCodec.decodeWithMapper(record));
            }
        }
        // Absent primitives (the 1.0 shape has none of 1.1's fields) take Jackson's defaults on the fast path too;
        // the offset, the repeated field, the quoted number and the header oddities go to the mapper.
        assertThat(mapped).as("all but the added field and the absent primitive").isEqualTo(4);
    }

    @Test
    void aContract10ReceiptAndARevisedOneDecodeOnTheFastPathAsTheMapperDoes() {
        String receipt = "{\"dossierId\":\"D1\",\"code\":\"C1\",\"officeId\":\"O1\",\"procedureCode\":\"1.001\","
                + "\"field\":\"Đất đai\",\"channel\":\"ONLINE\",\"onlineEligible\":true,\"processingDays\":3,"
                + "\"receivedAt\":\"2024-01-08T02:00:00Z\",\"dueAt\":\"2024-01-11T02:00:00Z\"}";
        String revised = receipt.replace("}", ",\"revision\":2,\"documents\":3,\"digitisedDocuments\":3,"
                + "\"reusedDocuments\":1,\"fee\":5000000000,\"onlinePayment\":true}");
        String id = "5b2e6f1c-0c7d-4f7e-9a55-0a0b0c0d0e0f";
        for (String json : List.of(receipt, revised)) {
            ConsumerRecord<String, byte[]> record = record("vn.motcua.dossier.received.v1", json, id,
                    "2024-01-08T02:00:00Z");
            EventEnvelope fast = PlainRecords.decode(record);
            assertThat(fast).as(json).isNotNull().isEqualTo(CloudEventsCodec.decodeWithMapper(record));
        }
        assertThat(((DossierReceived) CloudEventsCodec.decode(record("vn.motcua.dossier.received.v1", revised, id,
                "2024-01-08T02:00:00Z")).data()).fee()).isEqualTo(5_000_000_000L);
    }

    @Test
    void recordsTheMapperRejectsAreRejectedTheSameWay() {
        String id = "5b2e6f1c-0c7d-4f7e-9a55-0a0b0c0d0e0f";
        assertThatThrownBy(() -> CloudEventsCodec.decode(record("vn.motcua.dossier.future.v9", "{}", id,
                "2024-01-08T02:00:00Z"))).isInstanceOf(UnknownEventTypeException.class);
        for (String json : List.of(
                "{\"dossierId\":\"D1\",\"officeId\":\"O1\",\"outcome\":\"MAYBE\"}", // no such enum constant
                "{\"dossierId\":\"D1\",", // broken JSON
                "[1,2]")) {
            assertThatThrownBy(() -> CloudEventsCodec.decode(record("vn.motcua.dossier.resolved.v1", json, id,
                    "2024-01-08T02:00:00Z"))).as(json).isInstanceOf(MalformedEventException.class);
        }
        assertThatThrownBy(() -> CloudEventsCodec.decode(record("vn.motcua.dossier.withdrawn.v1", "{}", "not-a-uuid",
                "2024-01-08T02:00:00Z"))).isInstanceOf(MalformedEventException.class);
        assertThatThrownBy(() -> CloudEventsCodec.decode(record("vn.motcua.dossier.withdrawn.v1", "{}", id,
                "2024-02-30T02:00:00Z"))).isInstanceOf(MalformedEventException.class);
    }

    /** The envelope, or the class of the exception: what a consumer acts on. */
    private static Object outcome(java.util.function.Supplier<EventEnvelope> decode) {
        try {
            return decode.get();
        } catch (RuntimeException e) {
            return e.getClass();
        }
    }

    private static ConsumerRecord<String, byte[]> record(String type, String json, String id, String time) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("ce_id", bytes(id));
        headers.add("ce_source", bytes("/test"));
        headers.add("ce_type", bytes(type));
        headers.add("ce_subject", bytes("D1"));
        headers.add("ce_time", bytes(time));
        return new ConsumerRecord<>("t", 0, 0L, 0L, TimestampType.CREATE_TIME, 2, json.length(), "D1", bytes(json),
                headers, Optional.empty());
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> r) {
        return new ConsumerRecord<>(r.topic(), 0, 0L, 0L, TimestampType.CREATE_TIME, -1, r.value().length, r.key(),
                r.value(), r.headers(), Optional.empty());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
