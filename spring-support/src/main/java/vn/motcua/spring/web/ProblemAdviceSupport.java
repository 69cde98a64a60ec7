package vn.motcua.spring.web;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
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
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import tools.jackson.core.JacksonException;
import vn.motcua.access.AccessProblem;
import vn.motcua.spring.edge.EdgeProblemException;
import vn.motcua.spring.security.ProblemResponses;

/**
 * The part of the RFC 9457 error handling every Spring service shares: bean-validation failures, unreadable
 * bodies and Spring's own MVC errors (404, 405, 415...) as {@code application/problem+json} with {@code type},
 * {@code title}, {@code status}, {@code detail} and, for bad input, an {@code errors} list of {field, message}.
 * A service extends it with {@code @RestControllerAdvice}, adds handlers for its own exceptions and says how it
 * words an unreadable body. Never a stack trace in the answer.
 */
public abstract class ProblemAdviceSupport extends ResponseEntityExceptionHandler {
    public static final String TYPE_BASE = AccessProblem.TYPE_BASE;
    /** Seconds a client should wait before retrying after a 503. */
    public static final String RETRY_AFTER = "5";
    public static final String OUTAGE_TITLE = "Service temporarily unavailable";
    /** Says what happened and what to do, never which dependency or why (no internals). */
    public static final String OUTAGE_DETAIL =
            "a service this request needs cannot be reached right now; nothing was recorded, retry later";
    private static final Logger log = LoggerFactory.getLogger(ProblemAdviceSupport.class);

    private final String invalidInputTitle;

    /** @param invalidInputTitle the {@code title} of a 400 for bad input (each service has its own wording) */
    protected ProblemAdviceSupport(String invalidInputTitle) {
        this.invalidInputTitle = invalidInputTitle;
    }

    /** Names the field a JSON body got wrong, in the service's own words. */
    protected abstract FieldProblem describeUnreadable(HttpMessageNotReadableException e);

    /** A 400 {@code invalid-input} listing the problems. */
    protected ResponseEntity<Object> invalidInput(List<FieldProblem> problems) {
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", invalidInputTitle, summary(problems), problems);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(),
                    error.getDefaultMessage() == null ? "is invalid" : error.getDefaultMessage()));
        }
        e.getBindingResult().getGlobalErrors()
                .forEach(g -> problems.add(new FieldProblem(g.getObjectName(), g.getDefaultMessage())));
        return invalidInput(problems);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                             HttpHeaders headers,
                                                                             HttpStatusCode status,
                                                                             WebRequest request) {
        List<FieldProblem> problems = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> new FieldProblem(
                        r.getMethodParameter().getParameterName(), err.getDefaultMessage())))
                .toList();
        return invalidInput(problems);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        EdgeProblemException edge = causeOf(e, EdgeProblemException.class);
        if (edge != null) {
            return edgeProblem(edge);
        }
        FieldProblem problem = describeUnreadable(e);
        return problem(HttpStatus.BAD_REQUEST, "invalid-input", invalidInputTitle,
                problem.field() + ": " + problem.message(), List.of(problem));
    }

    /** Input refused at the edge (control characters, oversize text or body): 400 or 413 naming the field. */
    @ExceptionHandler(EdgeProblemException.class)
    public ResponseEntity<Object> edgeProblem(EdgeProblemException e) {
        if (e.status() == HttpStatus.CONTENT_TOO_LARGE) {
            return problem(e.status(), "too-large", "Request too large", summary(e.problems()), e.problems());
        }
        return problem(e.status(), "invalid-input", invalidInputTitle, summary(e.problems()), e.problems());
    }

    /** A refusal raised inside the MVC layer (an office named by a body): the same 403 as the filters give. */
    @ExceptionHandler(AccessDeniedException.class)
    public ResponseEntity<Object> accessDenied(AccessDeniedException e, WebRequest request) {
        AccessProblem problem = ProblemResponses.forbidden(e);
        return ResponseEntity.status(problem.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemResponses.body(problem, null));
    }

    /**
     * The answer for an outage, or null if {@code e} is not one: 503 {@code service-unavailable} with
     * {@code Retry-After: 5}, a detail without internals. A service's generic handler asks this first, so an
     * unreachable database or broker is never a 500; nothing was written (the transaction could not commit).
     */
    public static ResponseEntity<Object> outage(Throwable e) {
        if (!Outages.isOutage(e)) {
            return null;
        }
        log.warn("dependency unavailable, answering 503: {}", e.toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body(HttpStatus.SERVICE_UNAVAILABLE,
                        "service-unavailable", OUTAGE_TITLE, OUTAGE_DETAIL, null));
    }

    /** Spring's own MVC errors (405, 415, 404 of unknown paths...) keep their status and get our shape. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
                                                             HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> base = super.handleExceptionInternal(e, body, headers, status, request);
        if (base == null) {
            return null; // the response is already committed: nothing more can be said
        }
        ProblemDetail detail = base.getBody() instanceof ProblemDetail p ? p : ProblemDetail.forStatus(status);
        if (detail.getType() == null || "about:blank".equals(detail.getType().toString())) {
            detail.setType(URI.create(TYPE_BASE + status.value()));
        }
        if (detail.getDetail() == null) {
            detail.setDetail(detail.getTitle());
        }
        return ResponseEntity.status(status).headers(base.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
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

    /** The first throwable of the given type in the cause chain, or null. */
    public static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** {@code field: message; field: message} for the {@code detail}. */
    public static String summary(List<FieldProblem> problems) {
        return problems.stream().map(p -> p.field() + ": " + p.message()).collect(Collectors.joining("; "));
    }

    /** A problem+json answer; {@code type} is the last segment of the type URI. */
    public static ResponseEntity<Object> problem(HttpStatus status, String type, String title, String detail,
                                                 List<FieldProblem> errors) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body(status, type, title, detail, errors));
    }

    public static ProblemDetail body(HttpStatusCode status, String type, String title, String detail,
                                     List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }
}
