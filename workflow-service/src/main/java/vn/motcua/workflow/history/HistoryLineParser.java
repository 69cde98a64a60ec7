package vn.motcua.workflow.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.motcua.access.FreeTextGuard;
import vn.motcua.events.Outcome;
import vn.motcua.events.ReturnMethod;
import vn.motcua.spring.edge.CleanText;
import vn.motcua.workflow.dossier.Commands.IssueApologyLetter;
import vn.motcua.workflow.dossier.Commands.PayFee;
import vn.motcua.workflow.dossier.Commands.ReceiveSupplement;
import vn.motcua.workflow.dossier.Commands.RequestSupplement;
import vn.motcua.workflow.dossier.Commands.ResolveDossier;
import vn.motcua.workflow.dossier.Commands.ReturnResult;
import vn.motcua.workflow.dossier.Commands.TransferDossier;
import vn.motcua.workflow.dossier.Commands.WithdrawDossier;

/**
 * Reads one NDJSON line into a {@link HistoryLine}, with the checks the HTTP commands make before the aggregate
 * (required fields, types, {@code at} never in the future, free text without ID-card or phone numbers), plus the
 * line's own: steps in time order. The aggregate checks the rest when the steps run. Errors name the field as a
 * JSON path ({@code steps[2].at}).
 */
class HistoryLineParser {
    static final int MAX_STEPS = 200;
    static final int MAX_TEXT = 2_000;

    private final JsonMapper json;
    private final Clock clock;
    private final Duration clockSkew;

    HistoryLineParser(JsonMapper json, Clock clock, Duration clockSkew) {
        this.json = json;
        this.clock = clock;
        this.clockSkew = clockSkew;
    }

    /** A line that cannot be imported: the first problem found. */
    static class LineRejected extends RuntimeException {
        final String field;

        LineRejected(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }
    }

    HistoryLine parse(long number, String text) {
        JsonNode root;
        try {
            root = json.readTree(text);
        } catch (JacksonException e) {
            throw new LineRejected("line", "is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new LineRejected("line", "must be a JSON object");
        }
        String dossierId = text(root, "dossierId", "dossierId", false, 64);
        String officeId = text(root, "officeId", "officeId", false, 64);
        String externalRef = text(root, "externalRef", "externalRef", false, 255);
        if (dossierId == null && (officeId == null || externalRef == null)) {
            throw new LineRejected(officeId == null && externalRef == null ? "dossierId"
                    : officeId == null ? "officeId" : "externalRef",
                    "a line names its dossier by dossierId, or by officeId and externalRef");
        }
        JsonNode steps = root.get("steps");
        if (steps == null || !steps.isArray() || steps.isEmpty()) {
            throw new LineRejected("steps", "must be a non-empty array of steps");
        }
        if (steps.size() > MAX_STEPS) {
            throw new LineRejected("steps", "must hold at most " + MAX_STEPS + " steps");
        }
        Instant latest = clock.instant().plus(clockSkew);
        List<HistoryLine.Step> parsed = new ArrayList<>(steps.size());
        Instant previous = null;
        for (int i = 0; i < steps.size(); i++) {
            HistoryLine.Step step = step(i, steps.get(i), latest);
            if (previous != null && step.at().isBefore(previous)) {
                throw new LineRejected("steps[" + i + "].at", "must not be before steps[" + (i - 1) + "].at ("
                        + previous + "): steps are in time order");
            }
            previous = step.at();
            parsed.add(step);
        }
        return new HistoryLine(number, dossierId, dossierId == null ? officeId : null,
                dossierId == null ? externalRef : null, List.copyOf(parsed));
    }

    private HistoryLine.Step step(int i, JsonNode node, Instant latest) {
        String path = "steps[" + i + "]";
        if (node == null || !node.isObject()) {
            throw new LineRejected(path, "must be a JSON object");
        }
        String kindText = text(node, "kind", path + ".kind", true);
        StepKind kind;
        try {
            kind = StepKind.valueOf(kindText);
        } catch (IllegalArgumentException e) {
            throw new LineRejected(path + ".kind", "must be one of " + Arrays.toString(StepKind.values()));
        }
        Instant at = instant(node, "at", path + ".at", true);
        if (at.isAfter(latest)) {
            throw new LineRejected(path + ".at", "must not be in the future");
        }
        Function<String, Object> command = switch (kind) {
            case TRANSFER -> {
                String toUnit = text(node, "toUnit", path + ".toUnit", true, 255);
                String toOfficeId = text(node, "toOfficeId", path + ".toOfficeId", false, 64);
                String note = freeText(node, "note", path, false);
                yield id -> new TransferDossier(id, toUnit, toOfficeId, note, at);
            }
            case SUPPLEMENT_REQUEST -> {
                String reason = freeText(node, "reason", path, true);
                yield id -> new RequestSupplement(id, reason, at);
            }
            case SUPPLEMENT -> id -> new ReceiveSupplement(id, at);
            case APOLOGY -> {
                String reason = freeText(node, "reason", path, true);
                Instant newDueAt = instant(node, "newDueAt", path + ".newDueAt", true);
                String responsibleUnit = freeText(node, "responsibleUnit", path, false, 255);
                yield id -> new IssueApologyLetter(id, reason, newDueAt, responsibleUnit, at);
            }
            case PAYMENT -> {
                long amount = amount(node, path + ".amount");
                boolean online = bool(node, "online", path + ".online", true);
                yield id -> new PayFee(id, amount, online, at);
            }
            case RESOLUTION -> {
                Outcome outcome = enumValue(node, "outcome", path + ".outcome", Outcome.class);
                String reason = freeText(node, "reason", path, false);
                yield id -> new ResolveDossier(id, outcome, reason, at);
            }
            case RETURN -> {
                ReturnMethod method = enumValue(node, "method", path + ".method", ReturnMethod.class);
                boolean electronic = bool(node, "electronicResult", path + ".electronicResult", false);
                yield id -> new ReturnResult(id, method, at, electronic);
            }
            case WITHDRAWAL -> {
                String reason = freeText(node, "reason", path, false);
                yield id -> new WithdrawDossier(id, reason, at);
            }
        };
        return new HistoryLine.Step(i, kind, at, command);
    }

    /** Free text that goes on a topic: checked like the HTTP commands do ({@code FreeTextGuard}). */
    private static String freeText(JsonNode node, String name, String path, boolean required) {
        return freeText(node, name, path, required, MAX_TEXT);
    }

    private static String freeText(JsonNode node, String name, String path, boolean required, int maxChars) {
        String value = text(node, name, path + "." + name, required, maxChars);
        if (FreeTextGuard.containsPersonalNumber(value)) {
            throw new LineRejected(path + "." + name,
                    "must not contain an ID-card or phone number: it is published to other services");
        }
        return value;
    }

    private static String text(JsonNode node, String name, String path, boolean required) {
        return text(node, name, path, required, MAX_TEXT);
    }

    /** The HTTP commands' limits ({@code Requests}' @Size) and the edge's rule on control characters. */
    private static String text(JsonNode node, String name, String path, boolean required, int maxChars) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new LineRejected(path, "is required");
            }
            return null;
        }
        if (!value.isString()) {
            throw new LineRejected(path, "must be a string");
        }
        String text = value.asString();
        if (required && text.isBlank()) {
            throw new LineRejected(path, "must not be blank");
        }
        String problem = CleanText.bodyProblem(text, maxChars);
        if (problem != null) {
            throw new LineRejected(path, problem);
        }
        return text.isBlank() ? null : text;
    }

    private static Instant instant(JsonNode node, String name, String path, boolean required) {
        String text = text(node, name, path, required);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new LineRejected(path, "must be an ISO-8601 date-time with offset");
        }
    }

    private static long amount(JsonNode node, String path) {
        JsonNode value = node.get("amount");
        if (value == null || value.isNull()) {
            throw new LineRejected(path, "is required");
        }
        if (!value.isNumber()) {
            throw new LineRejected(path, "must be a number");
        }
        try {
            long amount = value.decimalValue().longValueExact();
            if (amount >= 0) {
                return amount;
            }
        } catch (ArithmeticException e) {
            // not whole, or too large: refused below
        }
        throw new LineRejected(path, "must be an integer amount of VND, 0 or more");
    }

    private static boolean bool(JsonNode node, String name, String path, boolean required) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw new LineRejected(path, "is required");
            }
            return false;
        }
        if (!value.isBoolean()) {
            throw new LineRejected(path, "must be true or false");
        }
        return value.booleanValue();
    }

    private static <E extends Enum<E>> E enumValue(JsonNode node, String name, String path, Class<E> type) {
        String text = text(node, name, path, true);
        try {
            return Enum.valueOf(type, text);
        } catch (IllegalArgumentException e) {
            throw new LineRejected(path, "must be one of " + Arrays.toString(type.getEnumConstants()));
        }
    }
}
