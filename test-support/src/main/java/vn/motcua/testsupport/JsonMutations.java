package vn.motcua.testsupport;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The mutations the Spring services' endpoint-mutation tests send (Jackson 3; the caller brings it): every scalar of
 * a valid JSON body ({@link #leaves}) replaced by each {@link #variants variant} of its kind. A variant that is
 * {@code named} must be refused naming the field; every one must be refused or accepted without a 5xx.
 */
public final class JsonMutations {
    public static final String LONG_TEXT = "x".repeat(70_000);
    public static final String CONTROL_TEXT = "a\u0000b\u0001c\u001bd\u007f";
    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonMutations() {
    }

    /** A replacement of a leaf; {@code named}: the service must refuse it naming the field. */
    public record Variant(String name, JsonNode value, boolean named) {
    }

    /** A scalar of the body, where it is ({@code steps}: names and indexes) and its JSON path. */
    public record Leaf(String path, List<Object> steps, JsonNode value) {
    }

    /** A valid body with one scalar replaced: its name, the body, and the field a refusal must name (null: none). */
    public record BodyMutation(String name, String body, String field, boolean mustRefuse) {
    }

    /** Every scalar of {@code body} replaced by each of its {@link #variants}. */
    public static List<BodyMutation> bodyMutations(String body) {
        JsonNode root = JSON.readTree(body);
        List<BodyMutation> out = new java.util.ArrayList<>();
        for (Leaf leaf : leaves(root)) {
            for (Variant variant : variants(leaf.value())) {
                out.add(new BodyMutation(leaf.path() + " " + variant.name(),
                        JSON.writeValueAsString(mutate(root, leaf, variant.value())),
                        variant.named() ? leaf.path() : null, variant.named()));
            }
        }
        return out;
    }

    public static List<Variant> variants(JsonNode value) {
        List<Variant> variants = new ArrayList<>();
        if (value.isString()) {
            variants.add(new Variant("70,000 chars", NODES.stringNode(LONG_TEXT), true));
            variants.add(new Variant("control chars", NODES.stringNode(CONTROL_TEXT), true));
            variants.add(new Variant("unknown enum", NODES.stringNode("NO_SUCH_VALUE"), false));
        }
        if (value.isNumber()) {
            variants.add(new Variant("as string", NODES.stringNode("twelve"), false));
            variants.add(new Variant("huge", NODES.numberNode(new BigDecimal("1e400")), false));
            variants.add(new Variant("huge integer", NODES.numberNode(new BigInteger("9".repeat(40))), false));
            variants.add(new Variant("negative", NODES.numberNode(-1), false));
        }
        variants.add(new Variant("as number", NODES.numberNode(12345), false));
        variants.add(new Variant("as array", NODES.arrayNode().add("x"), false));
        variants.add(new Variant("as object", NODES.objectNode().put("x", 1), false));
        variants.add(new Variant("null", NODES.nullNode(), false));
        return variants;
    }

    /** Every scalar (and every empty array) of a body. */
    public static List<Leaf> leaves(JsonNode root) {
        return leaves(root, "", new ArrayList<>());
    }

    private static List<Leaf> leaves(JsonNode node, String path, List<Object> steps) {
        List<Leaf> leaves = new ArrayList<>();
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                List<Object> next = new ArrayList<>(steps);
                next.add(name);
                leaves.addAll(leaves(node.get(name), path.isEmpty() ? name : path + "." + name, next));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                List<Object> next = new ArrayList<>(steps);
                next.add(i);
                leaves.addAll(leaves(node.get(i), path + "[" + i + "]", next));
            }
            if (node.isEmpty()) {
                leaves.add(new Leaf(path, steps, node));
            }
        } else {
            leaves.add(new Leaf(path, steps, node));
        }
        return leaves;
    }

    /** A copy of the body with the leaf replaced. */
    public static JsonNode mutate(JsonNode root, Leaf leaf, JsonNode value) {
        JsonNode copy = root.deepCopy();
        List<Object> steps = leaf.steps();
        JsonNode parent = copy;
        for (int i = 0; i < steps.size() - 1; i++) {
            parent = steps.get(i) instanceof Integer index ? parent.get(index) : parent.get((String) steps.get(i));
        }
        Object last = steps.get(steps.size() - 1);
        if (parent instanceof ObjectNode object) {
            object.set((String) last, value);
        } else if (parent instanceof ArrayNode array) {
            array.set((Integer) last, value);
        }
        return copy;
    }
}
