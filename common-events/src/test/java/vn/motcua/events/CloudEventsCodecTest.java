package vn.motcua.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CloudEventsCodecTest {
    private static final Instant AT = Instant.parse("2020-01-22T02:00:00Z");
    private static final Instant DUE = Instant.parse("2020-01-31T02:00:00Z");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One sample of every contract event type; the test below fails if a type has no sample. */
    static List<MotcuaEvent> samples() {
        return List.of(
                new OfficeRegistered("H49.17.05", "UBND xã Tân Thạnh Đông", OfficeLevel.COMMUNE, "H49.17", AT),
                new ProcedurePublished("1.001612", "Đăng ký khai sinh", "Hộ tịch", new BigDecimal("0.5"),
                        OnlineMode.FULL, true, AT, 8_000, true, java.time.LocalDate.of(2023, 3, 1), null,
                        java.time.LocalDate.of(2023, 3, 5), Boolean.TRUE),
                new DossierReceived("d-1", "H49.17-200122-0001", "H49.17", "1.001612", "Hộ tịch", Channel.POSTAL,
                        true, new BigDecimal("2"), AT, DUE, "ref-9", 1, 3, 2, 1, 50_000, true,
                        LookupPin.verifier("ABCD2345")),
                new DossierTransferred("d-1", "H49.17", "Phòng Tư pháp", "H49", "liên thông", AT),
                new SupplementRequested("d-1", "H49.17", "thiếu bản sao giấy tờ", AT),
                new SupplementReceived("d-1", "H49.17", AT, DUE),
                new DossierDueSoon("d-1", "H49.17", DUE, AT),
                new DossierOverdue("d-1", "H49.17", DUE, DUE.plusSeconds(1)),
                new ApologyLetterIssued("d-1", "H49.17", 1, "chờ kết quả liên thông", "Phòng Tư pháp",
                        DUE.plusSeconds(86_400), AT, true),
                new DossierResolved("d-1", "H49.17", Outcome.APPROVED, null, Timeliness.EARLY, DUE, AT),
                new ResultReturned("d-1", "H49.17", ReturnMethod.POSTAL, AT, true),
                new DossierWithdrawn("d-1", "H49.17", null, AT),
                new DossierCancelled("d-2", "H49.17", "nhận nhầm thủ tục", AT),
                new FeePaid("d-1", "H49.17", 50_000, true, AT),
                new DossierRated("d-1", "H49.17", Rating.SATISFIED, AT),
                new PetitionReceived("p-1", "H49.17", "thái độ phục vụ", AT, DUE),
                new PetitionAnswered("p-1", "H49.17", AT, DUE, true),
                new PetitionRated("p-1", "H49.17", Rating.NEUTRAL, AT));
    }

    @Test
    void everyEventTypeHasASample() {
        Set<EventType> covered = samples().stream().map(MotcuaEvent::eventType).collect(Collectors.toSet());
        assertThat(covered).containsExactlyInAnyOrder(EventType.values());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void roundTripsThroughAKafkaRecord(MotcuaEvent event) {
        UUID id = UUID.randomUUID();
        ProducerRecord<String, byte[]> sent = CloudEventsCodec.encode(EventEnvelope.of(id, "/motcua/test", event));

        assertThat(sent.topic()).isEqualTo(event.eventType().topic());
        assertThat(sent.key()).isEqualTo(event.subject());
        assertThat(header(sent, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(sent, "ce_type")).isEqualTo(event.eventType().ceType()).startsWith("vn.motcua.");
        assertThat(header(sent, "ce_time")).isEqualTo(event.occurredAt().toString());
        assertThat(header(sent, "content-type")).isEqualTo("application/json");

        EventEnvelope received = CloudEventsCodec.decode(asConsumed(sent));
        assertThat(received.id()).isEqualTo(id);
        assertThat(received.subject()).isEqualTo(event.subject());
        assertThat(received.time()).isEqualTo(event.occurredAt());
        assertThat(received.data()).isEqualTo(event);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void valueValidatesAgainstItsSchema(MotcuaEvent event) throws Exception {
        JsonNode json = MAPPER.readTree(CloudEventsCodec.toJson(event));
        Set<ValidationMessage> errors = schemaOf(event.eventType()).validate(json);
        assertThat(errors).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void schemaRejectsAValueWithoutItsRequiredFields(MotcuaEvent event) throws Exception {
        Set<ValidationMessage> errors = schemaOf(event.eventType()).validate(MAPPER.readTree("{}"));
        assertThat(errors).isNotEmpty();
    }

    @Test
    void noEventCarriesApplicantData() {
        Set<String> personal = Set.of("applicant", "fullname", "name_of_applicant", "idnumber", "phone", "address");
        for (EventType type : EventType.values()) {
            Set<String> fields = Arrays.stream(type.eventClass().getRecordComponents())
                    .map(c -> c.getName().toLowerCase()).collect(Collectors.toSet());
            assertThat(fields).as(type.name()).doesNotContainAnyElementsOf(personal);
        }
    }

    @Test
    void unknownTypesAreReportedSoConsumersCanSkipThem() {
        ProducerRecord<String, byte[]> sent = CloudEventsCodec.encode(EventEnvelope.of(UUID.randomUUID(), "/t",
                samples().get(2)));
        sent.headers().remove("ce_type");
        sent.headers().add("ce_type", "vn.motcua.dossier.teleported.v9".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> CloudEventsCodec.decode(asConsumed(sent)))
                .isInstanceOf(CloudEventsCodec.UnknownEventTypeException.class);
    }

    @Test
    void aRecordWithoutAnIdIsMalformed() {
        ProducerRecord<String, byte[]> sent = CloudEventsCodec.encode(EventEnvelope.of(UUID.randomUUID(), "/t",
                samples().get(2)));
        sent.headers().remove("ce_id");
        assertThatThrownBy(() -> CloudEventsCodec.decode(asConsumed(sent)))
                .isInstanceOf(CloudEventsCodec.MalformedEventException.class);
    }

    private static JsonSchema schemaOf(EventType type) throws Exception {
        try (InputStream in = CloudEventsCodecTest.class.getResourceAsStream(type.schemaResource())) {
            assertThat(in).as(type.schemaResource()).isNotNull();
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in, config);
        }
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static ConsumerRecord<String, byte[]> asConsumed(ProducerRecord<String, byte[]> sent) {
        return new ConsumerRecord<>(sent.topic(), 0, 42L, 0L, TimestampType.CREATE_TIME, 0, 0, sent.key(),
                sent.value(), new RecordHeaders(sent.headers().toArray()), java.util.Optional.empty());
    }
}
