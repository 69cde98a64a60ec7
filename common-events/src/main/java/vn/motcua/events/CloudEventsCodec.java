package vn.motcua.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary mode: attributes in {@code ce_*} headers, the event's JSON as
 * the value, the subject (dossier id, office id or procedure code) as the key so Kafka keeps per-key order.
 */
public final class CloudEventsCodec {
    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Readers ignore fields added by newer producers: the contract allows adding fields.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private CloudEventsCodec() {
    }

    public static ProducerRecord<String, byte[]> encode(EventEnvelope envelope) {
        Headers headers = new RecordHeaders();
        header(headers, "ce_specversion", SPEC_VERSION);
        header(headers, "ce_id", envelope.id().toString());
        header(headers, "ce_source", envelope.source());
        header(headers, "ce_type", envelope.type().ceType());
        header(headers, "ce_subject", envelope.subject());
        header(headers, "ce_time", envelope.time().toString());
        header(headers, "content-type", CONTENT_TYPE);
        return new ProducerRecord<>(envelope.topic(), null, envelope.subject(), toJson(envelope.data()), headers);
    }

    /**
     * Reads a record back. Throws {@link UnknownEventTypeException} for a type this version does not know, which
     * consumers skip, and {@link MalformedEventException} for a record that breaks the contract. A record in the
     * shape {@link #encode} writes is read by {@link PlainRecords} (fast: the rebuild and every consumer decode all
     * the topics' records), any other by the mapper, which gives the same answer.
     */
    public static EventEnvelope decode(ConsumerRecord<String, byte[]> record) {
        EventEnvelope plain = PlainRecords.decode(record);
        return plain != null ? plain : decodeWithMapper(record);
    }

    /** The general path: Jackson's mapper on the value, the JDK's parsers on the headers. */
    static EventEnvelope decodeWithMapper(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        String ceType = required(headers, "ce_type");
        EventType type = EventType.ofCeType(ceType).orElseThrow(() -> new UnknownEventTypeException(ceType));
        try {
            UUID id = UUID.fromString(required(headers, "ce_id"));
            Instant time = Instant.parse(required(headers, "ce_time"));
            MotcuaEvent data = JSON.readValue(record.value(), type.eventClass());
            return new EventEnvelope(id, required(headers, "ce_source"), type, required(headers, "ce_subject"), time,
                    data);
        } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
            throw new MalformedEventException("malformed " + ceType + " at " + record.topic() + "/"
                    + record.partition() + "@" + record.offset() + ": " + e.getMessage(), e);
        }
    }

    public static byte[] toJson(MotcuaEvent event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + event, e);
        }
    }

    private static void header(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            throw new MalformedEventException("missing header " + name, null);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    public static final class UnknownEventTypeException extends RuntimeException {
        public UnknownEventTypeException(String ceType) {
            super("unknown event type " + ceType);
        }
    }

    public static final class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
