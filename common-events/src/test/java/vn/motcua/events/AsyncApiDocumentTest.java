package vn.motcua.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The AsyncAPI document ({@code asyncapi.yaml}) against the code: an AsyncAPI 3 structure, a channel for every topic
 * of {@link Topics}, a message for every {@link EventType} whose payload is that type's own JSON Schema and whose
 * {@code ce_type} header is the type's, and headers that describe what {@link CloudEventsCodec} really writes.
 * A new event type or topic fails here until the document names it.
 */
class AsyncApiDocumentTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode doc;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi.yaml")) {
            assertThat(in).as("asyncapi.yaml on the classpath").isNotNull();
            // Safe loading, and YAML 1.1's "1.0" is read as the string it is quoted as.
            Object yaml = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            doc = JSON.valueToTree(yaml);
        }
    }

    @Test
    void isAnAsyncApi3Document() {
        assertThat(doc.path("asyncapi").asText()).matches("3\\.\\d+\\.\\d+");
        assertThat(doc.path("info").path("title").asText()).isNotBlank();
        assertThat(doc.path("info").path("version").asText()).isNotBlank();
        for (String section : List.of("channels", "operations")) {
            assertThat(doc.path(section).isObject() && !doc.path(section).isEmpty()).as(section).isTrue();
        }
        assertThat(doc.path("components").path("messages").isObject()).isTrue();
        doc.path("channels").properties().forEach(channel -> {
            assertThat(channel.getValue().path("address").asText()).as(channel.getKey()).isNotBlank();
            assertThat(channel.getValue().path("messages").isObject()).as(channel.getKey()).isTrue();
        });
        doc.path("operations").properties().forEach(operation -> {
            JsonNode op = operation.getValue();
            assertThat(op.path("action").asText()).as(operation.getKey()).isIn("send", "receive");
            String channelRef = op.path("channel").path("$ref").asText();
            assertThat(channelRef).as(operation.getKey()).startsWith("#/channels/");
            // AsyncAPI 3: an operation's messages must be messages of its own channel.
            for (JsonNode message : op.path("messages")) {
                assertThat(message.path("$ref").asText()).as(operation.getKey()).startsWith(channelRef + "/messages/");
            }
        });
    }

    @Test
    void everyInternalReferenceResolvesAndEveryFileReferenceExists() {
        List<String> refs = new ArrayList<>();
        collectRefs(doc, refs);
        assertThat(refs).isNotEmpty();
        for (String ref : refs) {
            if (ref.startsWith("#/")) {
                assertThat(doc.at(ref.substring(1)).isMissingNode()).as(ref).isFalse();
            } else {
                assertThat(AsyncApiDocumentTest.class.getResource("/" + ref)).as(ref).isNotNull();
            }
        }
    }

    @Test
    void everyTopicHasOneChannelAndEveryChannelIsATopic() throws IllegalAccessException {
        Set<String> topics = new HashSet<>();
        for (Field field : Topics.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                topics.add((String) field.get(null));
            }
        }
        List<String> addresses = new ArrayList<>();
        doc.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
        assertThat(addresses).containsExactlyInAnyOrderElementsOf(topics);
        doc.path("channels").forEach(channel -> assertThat(channel.path("bindings").path("kafka").path("topic")
                .asText()).isEqualTo(channel.path("address").asText()));
    }

    @Test
    void theMessagesAreExactlyTheEventTypes() {
        Set<String> names = new HashSet<>();
        doc.path("components").path("messages").fieldNames().forEachRemaining(names::add);
        assertThat(names).isEqualTo(Arrays.stream(EventType.values())
                .map(type -> type.eventClass().getSimpleName()).collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyEventTypeHasItsMessageOnItsTopicWithTheCodesSchema(EventType type) throws IOException {
        String name = type.eventClass().getSimpleName();
        JsonNode message = doc.path("components").path("messages").path(name);
        assertThat(message.isObject()).as(name).isTrue();

        // The payload is the very schema file the code ships, not a copy.
        String payloadRef = message.path("payload").path("$ref").asText();
        assertThat("/" + payloadRef).as(name).isEqualTo(type.schemaResource());
        try (InputStream schema = AsyncApiDocumentTest.class.getResourceAsStream(type.schemaResource())) {
            assertThat(schema).as(type.schemaResource()).isNotNull();
            assertThat(JSON.readTree(schema).path("title").asText()).isEqualTo(name);
        }

        JsonNode own = message.path("headers").path("allOf").get(1).path("properties");
        assertThat(own.path("ce_type").path("const").asText()).isEqualTo(type.ceType());

        // On the channel of its topic, and only there.
        List<String> channels = new ArrayList<>();
        doc.path("channels").properties().forEach(channel -> {
            if (channel.getValue().path("messages").has(name)) {
                channels.add(channel.getValue().path("address").asText());
            }
        });
        assertThat(channels).as(name).containsExactly(type.topic());
        // Published by some operation.
        String channelId = doc.path("channels").properties().stream()
                .filter(channel -> channel.getValue().path("address").asText().equals(type.topic()))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        String messageRef = "#/channels/" + channelId + "/messages/" + name;
        assertThat(doc.path("operations").properties().stream()
                .filter(op -> op.getValue().path("action").asText().equals("send"))
                .flatMap(op -> op.getValue().path("messages").valueStream())
                .map(ref -> ref.path("$ref").asText())).as(name).contains(messageRef);
    }

    /** The headers the codec writes for every sample event satisfy the document's headers of that message. */
    @ParameterizedTest
    @MethodSource("vn.motcua.events.CloudEventsCodecTest#samples")
    void theCodecsHeadersMatchTheDocument(MotcuaEvent event) {
        EventType type = EventType.of(event.getClass());
        JsonNode message = doc.path("components").path("messages").path(event.getClass().getSimpleName());
        String source = message.path("headers").path("allOf").get(1).path("properties").path("ce_source")
                .path("const").asText();
        ProducerRecord<String, byte[]> record = CloudEventsCodec.encode(
                new EventEnvelope(UUID.randomUUID(), source, type, "subject-1", java.time.Instant.now(), event));
        ObjectNode headers = JSON.createObjectNode();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        for (JsonNode schema : List.of(doc.at("/components/schemas/CloudEventsHeaders"),
                message.path("headers").path("allOf").get(1))) {
            Set<ValidationMessage> errors = factory.getSchema(schema).validate(headers);
            assertThat(errors).as(type + " " + headers).isEmpty();
        }
        assertThat(headers.path("ce_source").asText()).isIn("/motcua/intake", "/motcua/workflow");
        assertThat(record.key()).isEqualTo(headers.path("ce_subject").asText());
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(entry -> {
                if (entry.getKey().equals("$ref")) {
                    refs.add(entry.getValue().asText());
                } else {
                    collectRefs(entry.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }
}
