package vn.motcua.intake.infra;

import java.util.List;
import org.springframework.http.HttpStatus;
import vn.motcua.spring.web.FieldProblem;

/**
 * Why a rule says no, as a value: the pure rules of {@code dossier} and {@code catalogue} answer one (or nothing), so
 * their unit tests compare values; the services turn it into the exception the problem+json handler already maps.
 * {@code field} names the request field (null: the request as a whole, for a state that forbids it).
 */
public record Refusal(Kind kind, String field, String message) {
    /** 400: not a well-formed request; 422: well formed, against a rule; 409: the dossier's state forbids it. */
    public enum Kind { MALFORMED, AGAINST_RULE, STATE_FORBIDS }

    public static Refusal malformed(String field, String message) {
        return new Refusal(Kind.MALFORMED, field, message);
    }

    public static Refusal againstRule(String field, String message) {
        return new Refusal(Kind.AGAINST_RULE, field, message);
    }

    public static Refusal stateForbids(String field, String message) {
        return new Refusal(Kind.STATE_FORBIDS, field, message);
    }

    /** The exception the services throw for it (the same ones, with the same texts, as before the rules moved). */
    public RuntimeException toException() {
        return switch (kind) {
            case MALFORMED -> new InputRejectedException(HttpStatus.BAD_REQUEST,
                    List.of(new FieldProblem(field, message)));
            case AGAINST_RULE -> new InputRejectedException(HttpStatus.UNPROCESSABLE_CONTENT,
                    List.of(new FieldProblem(field, message)));
            case STATE_FORBIDS -> new ConflictException(message, field);
        };
    }
}
