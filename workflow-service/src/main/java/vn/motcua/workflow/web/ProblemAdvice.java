package vn.motcua.workflow.web;

import java.util.Arrays;
import java.util.List;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import vn.motcua.spring.web.FieldProblem;
import vn.motcua.spring.web.ProblemAdviceSupport;
import vn.motcua.workflow.dossier.CommandRefusedException;
import vn.motcua.workflow.dossier.DossierNotFoundException;
import vn.motcua.workflow.dossier.InvalidCommandException;
import vn.motcua.workflow.petition.PetitionNotFoundException;

/**
 * Every error as {@code application/problem+json} (RFC 9457) with {@code type}, {@code title}, {@code status},
 * {@code detail}, and for bad input an {@code errors} list of {@code {field, message}}. No stack traces leave
 * the service; bad input is never a 500. The shared handlers (validation, unreadable body, Spring's MVC errors)
 * come from {@link ProblemAdviceSupport}; the dossier's exceptions and the wording of JSON errors are here.
 */
@RestControllerAdvice
public class ProblemAdvice extends ProblemAdviceSupport {
    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    public ProblemAdvice() {
        super("Invalid input");
    }

    @ExceptionHandler({DossierNotFoundException.class, AggregateNotFoundException.class})
    ResponseEntity<Object> notFound(RuntimeException e) {
        String detail = e instanceof DossierNotFoundException ? e.getMessage()
                : "dossier is not known to the workflow (not received, or not yet arrived)";
        return problem(HttpStatus.NOT_FOUND, "not-found", "Dossier not found", detail, null);
    }

    @ExceptionHandler(PetitionNotFoundException.class)
    ResponseEntity<Object> petitionNotFound(PetitionNotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Petition not found", e.getMessage(), null);
    }

    @ExceptionHandler(CommandRefusedException.class)
    ResponseEntity<Object> refused(CommandRefusedException e) {
        return problem(HttpStatus.CONFLICT, "command-refused", "Command refused by the dossier's state",
                e.getMessage(), null);
    }

    /** Two commands on one dossier at once: the loser is told to retry. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Object> concurrent(ConcurrencyException e) {
        return problem(HttpStatus.CONFLICT, "concurrent-change", "Concurrent change",
                "the dossier was changed by another command at the same time; retry", null);
    }

    @ExceptionHandler(InvalidCommandException.class)
    ResponseEntity<Object> invalid(InvalidCommandException e) {
        return problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-command", "Invalid input",
                e.field() + ": " + e.getMessage(), List.of(new FieldProblem(e.field(), e.getMessage())));
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> invalidParameter(InvalidParameterException e) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.field() + " " + e.getMessage(),
                List.of(new FieldProblem(e.field(), e.getMessage())));
    }

    /** A gateway may wrap a handler's exception: answer for the cause. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> wrapped(CommandExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof InvalidCommandException i) {
            return invalid(i);
        }
        if (cause instanceof CommandRefusedException r) {
            return refused(r);
        }
        if (cause instanceof AggregateNotFoundException n) {
            return notFound(n);
        }
        return unexpected(e);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() != null && e.getRequiredType().isEnum()
                ? "must be one of " + Arrays.toString(e.getRequiredType().getEnumConstants())
                : "has the wrong type";
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", e.getName() + " " + expected,
                List.of(new FieldProblem(e.getName(), expected)));
    }

    /** A database or broker outage is a 503 with Retry-After (nothing was recorded); anything else a 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        ResponseEntity<Object> outage = outage(e);
        if (outage != null) {
            return outage;
        }
        log.error("unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the request could not be completed; it has been logged", null);
    }

    /** Names the field a body could not be read for: wrong enum, wrong type, or JSON that does not parse. */
    @Override
    protected FieldProblem describeUnreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = jsonPath(mismatch);
            Class<?> target = mismatch.getTargetType();
            String message;
            if (target != null && target.isEnum()) {
                message = "must be one of " + Arrays.toString(target.getEnumConstants());
            } else if (mismatch instanceof InvalidFormatException || target != null) {
                message = "must be " + expected(target);
            } else {
                message = "has the wrong type";
            }
            return new FieldProblem(field, message);
        }
        if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
            String field = jackson.getPath().get(jackson.getPath().size() - 1).getPropertyName();
            return new FieldProblem(field == null ? "body" : field, "could not be read");
        }
        if (cause == null && e.getMessage() != null && e.getMessage().startsWith("Required request body")) {
            return new FieldProblem("body", "a JSON body is required");
        }
        return new FieldProblem("body", "is not valid JSON");
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "of another type";
        }
        return switch (target.getSimpleName()) {
            case "OffsetDateTime", "Instant", "ZonedDateTime" -> "an ISO-8601 date-time with offset";
            case "LocalDate" -> "an ISO-8601 date";
            case "String" -> "a string";
            case "Integer", "int", "Long", "long" -> "an integer";
            case "BigDecimal", "Double", "double" -> "a number";
            case "Boolean", "boolean" -> "true or false";
            default -> "a " + target.getSimpleName();
        };
    }
}
