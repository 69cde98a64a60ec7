package vn.motcua.testsupport;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An RFC 9457 problem+json answer as every service writes it: {@code type}, {@code title}, {@code status},
 * {@code detail}, and {@code errors[].field} naming the fields at fault.
 */
public record Problem(String type, String title, int status, String detail, List<String> fields) {

    /** The problem in {@code body}, or null if it is not a JSON object. */
    public static Problem parse(String body) {
        Object json;
        try {
            json = Json.parse(body);
        } catch (RuntimeException notJson) {
            return null;
        }
        if (!(json instanceof Map<?, ?>)) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        if (Json.member(json, "errors") instanceof List<?> errors) {
            // An error without a field (a whole-request complaint) names none.
            errors.stream().map(e -> text(Json.member(e, "field"))).filter(f -> f != null).forEach(fields::add);
        }
        Object status = Json.member(json, "status");
        return new Problem(text(Json.member(json, "type")), text(Json.member(json, "title")),
                status instanceof BigDecimal n ? n.intValue() : 0, text(Json.member(json, "detail")),
                List.copyOf(fields));
    }

    /**
     * What is wrong with {@code reply} as the refusal {@code status} naming {@code field} (null: none asked), or
     * an empty list: problem+json with this status, a type, a title and a detail, the field among
     * {@code errors[].field}, and no stack trace.
     */
    public static List<String> check(JsonHttp.Reply<?> reply, int status, String field) {
        List<String> wrong = new ArrayList<>();
        if (reply.status() != status) {
            wrong.add("status " + reply.status() + ", not " + status);
        }
        if (!reply.contentType().startsWith("application/problem+json")) {
            wrong.add("content type " + reply.contentType());
        }
        Problem problem = parse(reply.body());
        if (problem == null) {
            wrong.add("not a JSON object");
        } else {
            if (problem.status() != status) {
                wrong.add("problem status " + problem.status());
            }
            for (String[] member : new String[][] {{"type", problem.type()}, {"title", problem.title()},
                    {"detail", problem.detail()}}) {
                if (member[1] == null || member[1].isBlank()) {
                    wrong.add("no " + member[0]);
                }
            }
            if (field != null && !problem.fields().contains(field)) {
                wrong.add("errors[].field does not name " + field);
            }
        }
        if (reply.body().contains("Exception") || reply.body().contains("\tat ")) {
            wrong.add("shows a stack trace");
        }
        if (!wrong.isEmpty()) {
            wrong.add("answer: " + reply);
        }
        return wrong;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
