package vn.motcua.deploy.k8s;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses Kubernetes YAML (multi-document) into fabric8 model objects, offline, and reports every field the
 * Kubernetes schema does not know. fabric8 does not reject unknown fields: it keeps them in each object's
 * {@code additionalProperties} map, so the parsed graph is walked and any non-empty map is a problem
 * (a misspelled {@code readinesProbe} would otherwise be silently dropped by the API server's apply).
 */
final class KubernetesYaml {

    /** The API versions and kinds motcua ships; anything else (e.g. autoscaling/v1, policy/v1beta1) is refused. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "batch/v1/Job", Job.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    /** Strict YAML: a key given twice is an error, not "last one wins". */
    static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** One parsed document, or the reason it could not be parsed (then {@code object} is null). */
    record Parsed(String source, HasMetadata object, List<String> problems) {
        String id() {
            return object == null ? source : object.getKind() + "/" + object.getMetadata().getName();
        }
    }

    private KubernetesYaml() {
    }

    static List<Parsed> parse(String source, String yaml) {
        List<Parsed> result = new ArrayList<>();
        List<JsonNode> documents;
        try (MappingIterator<JsonNode> it = MAPPER.readerFor(JsonNode.class).readValues(yaml)) {
            documents = it.readAll();
        } catch (Exception e) {
            return List.of(new Parsed(source, null, List.of(source + ": not valid YAML: " + firstLine(e))));
        }
        int index = 0;
        for (JsonNode document : documents) {
            index++;
            if (document == null || document.isNull() || document.isMissingNode() || document.isEmpty()) {
                continue; // a trailing "---"
            }
            String where = documents.size() > 1 ? source + " (document " + index + ")" : source;
            result.add(parse(where, document));
        }
        return result;
    }

    private static Parsed parse(String where, JsonNode document) {
        String apiVersion = document.path("apiVersion").asText("");
        String kind = document.path("kind").asText("");
        Class<? extends HasMetadata> type = KINDS.get(apiVersion + "/" + kind);
        if (type == null) {
            return new Parsed(where, null, List.of(where + ": unsupported apiVersion/kind '" + apiVersion + "/" + kind
                    + "' (known: " + KINDS.keySet().stream().sorted().toList() + ")"));
        }
        HasMetadata object;
        try {
            object = MAPPER.treeToValue(document, type);
        } catch (Exception e) {
            return new Parsed(where, null, List.of(where + ": not a valid " + kind + ": " + firstLine(e)));
        }
        List<String> problems = new ArrayList<>();
        if (object.getMetadata() == null || object.getMetadata().getName() == null
                || object.getMetadata().getName().isBlank()) {
            problems.add(where + ": " + kind + " without metadata.name");
            return new Parsed(where, null, problems);
        }
        String id = kind + "/" + object.getMetadata().getName();
        unknownFields(object, "", problems, Collections.newSetFromMap(new IdentityHashMap<>()));
        problems.replaceAll(p -> where + ": " + id + ": " + p);
        return new Parsed(where, object, problems);
    }

    /** Walks the fabric8 graph through its JSON properties; every non-empty additionalProperties is a problem. */
    static void unknownFields(Object node, String path, List<String> problems, Set<Object> seen) {
        if (node == null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> unknownFields(value, path + "." + key, problems, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.") || !seen.add(node)) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())) {
                continue;
            }
            boolean additional = getter.getName().equals("getAdditionalProperties");
            JsonProperty property = getter.getAnnotation(JsonProperty.class);
            if (!additional && property == null) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (IllegalAccessException | InvocationTargetException e) {
                problems.add((path.isEmpty() ? "." : path) + ": unreadable (" + e + ")");
                continue;
            }
            if (additional) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    for (Object key : extra.keySet()) {
                        problems.add("unknown field '" + (path.isEmpty() ? "" : path.substring(1) + ".") + key + "'");
                    }
                }
            } else {
                unknownFields(value, path + "." + property.value(), problems, seen);
            }
        }
    }

    static String firstLine(Exception e) {
        String message = String.valueOf(e.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
