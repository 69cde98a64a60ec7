package vn.motcua.spring.web;

import java.util.Arrays;
import java.util.Collection;
import java.util.stream.Collectors;
import org.springframework.http.converter.HttpMessageNotReadableException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Names the field a JSON document got wrong and what was expected there, in one wording for both Spring services
 * (request bodies and the lines of bulk imports alike): {@code fee: must be an integer}. Never echoes the value,
 * which may be personal data.
 */
public final class JsonProblems {
    private JsonProblems() {
    }

    /** An unreadable request body: no body at all, malformed JSON, or a value of the wrong type. */
    public static FieldProblem describe(HttpMessageNotReadableException e) {
        JacksonException jackson = ProblemAdviceSupport.causeOf(e, JacksonException.class);
        if (jackson == null) {
            return new FieldProblem("body", "a JSON body is required");
        }
        return describe(jackson);
    }

    public static FieldProblem describe(JacksonException jackson) {
        String path = jsonPath(jackson);
        String field = path.isEmpty() ? "body" : path;
        if (jackson instanceof UnrecognizedPropertyException) {
            return new FieldProblem(field, "unknown field");
        }
        if (jackson instanceof InvalidFormatException || jackson instanceof MismatchedInputException) {
            Class<?> target = ((MismatchedInputException) jackson).getTargetType();
            return new FieldProblem(field, target == null ? "has the wrong type" : "must be " + expected(target));
        }
        if (jackson instanceof StreamReadException) {
            return new FieldProblem(field, "malformed JSON");
        }
        return new FieldProblem(field, "unreadable value");
    }

    /** The JSON path of the value Jackson choked on, e.g. {@code lines[2].officeId}; empty for the root. */
    public static String jsonPath(JacksonException e) {
        StringBuilder sb = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        return switch (type.getSimpleName()) {
            case "Integer", "int", "Long", "long", "Short", "short", "BigInteger" -> "an integer";
            case "BigDecimal", "Double", "double", "Float", "float" -> "a number";
            case "Boolean", "boolean" -> "true or false";
            case "String" -> "a string";
            case "OffsetDateTime", "Instant", "ZonedDateTime" ->
                    "an ISO-8601 date-time with offset, e.g. 2020-01-22T09:00:00+07:00";
            case "LocalDate" -> "an ISO-8601 date, e.g. 2020-01-22";
            default -> Collection.class.isAssignableFrom(type) || type.isArray() ? "an array" : "an object";
        };
    }
}
