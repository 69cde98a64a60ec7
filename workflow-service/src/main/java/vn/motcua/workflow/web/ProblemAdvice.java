package vn.motcua.workflow.web;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import vn.motcua.workflow.dossier.CommandRefusedException;
import vn.motcua.workflow.dossier.DossierNotFoundException;
import vn.motcua.workflow.dossier.InvalidCommandException;

/**
 * Every error as {@code application/problem+json} (RFC 9457) with {@code type}, {@code title}, {@code status},
 * {@code detail}, and for bad input an {@code errors} list of {@code {field, message}}. No stack traces leave
 * the service; bad input is never a 500.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);
    private static final String TYPE_BASE = "https://motcua.vn/problems/";

    /** One field-level complaint. */
    public record FieldProblem(String field, String message) {
    }

    @ExceptionHandler({DossierNotFoundException.class, AggregateNotFoundException.class})
    ResponseEntity<Object> notFound(RuntimeException e) {
        String detail = e instanceof DossierNotFoundException ? e.getMessage()
                : "dossier is not known to the workflow (not received, or not yet arrived)";
        return problem(HttpStatus.NOT_FOUND, "not-found", "Dossier not found", detail, null);
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

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        log.error("unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the request could not be completed; it has been logged", null);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> new FieldProblem(f.getField(), message(f)))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", summary(errors), errors);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldProblem> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new FieldProblem(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input", summary(errors), errors);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        FieldProblem error = describe(e);
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", "Invalid input",
                error.field() + ": " + error.message(), List.of(error));
    }

    /** Spring's own errors (404 route, 405, 415, ...) keep their status and get the same shape. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail p ? p : ProblemDetail.forStatus(status);
        if (problem.getDetail() == null) {
            problem.setDetail(HttpStatus.valueOf(status.value()).getReasonPhrase());
        }
        if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
            problem.setType(URI.create(TYPE_BASE + status.value()));
        }
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** Names the field a body could not be read for: wrong enum, wrong type, or JSON that does not parse. */
    private static FieldProblem describe(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = mismatch.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
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

    private static String message(FieldError f) {
        return f.getDefaultMessage() == null ? "is invalid" : f.getDefaultMessage();
    }

    private static String summary(List<FieldProblem> errors) {
        return errors.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
    }

    private static ResponseEntity<Object> problem(HttpStatus status, String type, String title, String detail,
                                                  List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
