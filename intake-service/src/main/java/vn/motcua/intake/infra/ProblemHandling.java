package vn.motcua.intake.infra;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import vn.motcua.spring.edge.EdgeProblemException;
import vn.motcua.spring.web.FieldProblem;
import vn.motcua.spring.web.ProblemAdviceSupport;

/**
 * Every error as {@code application/problem+json} (RFC 9457) with type, title, status, detail and, for bad input,
 * an {@code errors} list of {field, message}. Never a stack trace, never the request body (it may hold personal
 * data) in the answer or the log. The shared handlers (validation, unreadable body, Spring's MVC errors) come from
 * {@link ProblemAdviceSupport}; intake's own exceptions and its wording of JSON errors are here.
 */
@RestControllerAdvice
public class ProblemHandling extends ProblemAdviceSupport {
    private static final Logger log = LoggerFactory.getLogger(ProblemHandling.class);

    public ProblemHandling() {
        super("Invalid request");
    }

    @ExceptionHandler(InputRejectedException.class)
    ResponseEntity<Object> rejected(InputRejectedException e) {
        return problem(e.status(), "invalid-input", e.status() == HttpStatus.BAD_REQUEST ? "Invalid request"
                : "Request breaks a rule", summary(e.problems()), e.problems());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage(), null);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, "conflict", "Conflict with the dossier's state", e.getMessage(),
                e.field() == null ? null : List.of(new FieldProblem(e.field(), e.getMessage())));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        // A database or broker outage: 503 with Retry-After (nothing was recorded), never a 500.
        ResponseEntity<Object> outage = outage(e);
        if (outage != null) {
            return outage;
        }
        EdgeProblemException edge = causeOf(e, EdgeProblemException.class); // an oversize body, as a 413
        if (edge != null) {
            return edgeProblem(edge);
        }
        InputRejectedException rejected = causeOf(e, InputRejectedException.class);
        if (rejected != null) {
            return rejected(rejected);
        }
        log.error("unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "The request could not be completed; it has been logged.", null);
    }

    @Override
    protected FieldProblem describeUnreadable(HttpMessageNotReadableException e) {
        return describe(e);
    }

    /** Names the field a JSON body got wrong: its path, and what was expected there. */
    static FieldProblem describe(HttpMessageNotReadableException e) {
        JacksonException jackson = causeOf(e, JacksonException.class);
        if (jackson == null) {
            return new FieldProblem("body", "a JSON body is required");
        }
        return describe(jackson);
    }

    /** Names the field a JSON document got wrong (also used for the lines of a bulk import). */
    public static FieldProblem describe(JacksonException jackson) {
        String path = jsonPath(jackson);
        if (jackson instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
            return new FieldProblem(path, "must be one of " + allowed);
        }
        if (jackson instanceof UnrecognizedPropertyException) {
            return new FieldProblem(path, "unknown field");
        }
        if (jackson instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return new FieldProblem(path.isEmpty() ? "body" : path,
                    "must be " + describeType(mismatch.getTargetType()));
        }
        if (jackson instanceof StreamReadException) {
            return new FieldProblem(path.isEmpty() ? "body" : path, "malformed JSON");
        }
        return new FieldProblem(path.isEmpty() ? "body" : path, "unreadable value");
    }

    private static String describeType(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                    .collect(Collectors.joining(", "));
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date-time with offset, e.g. 2020-01-22T09:00:00+07:00";
        }
        return "an object";
    }
}
