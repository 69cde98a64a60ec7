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
import vn.motcua.access.AccessProblem;
import vn.motcua.access.ProblemType;
import vn.motcua.spring.edge.EdgeProblemException;
import vn.motcua.spring.security.ProblemResponses;

/**
 * The part of the RFC 9457 error handling every Spring service shares: bean-validation failures, unreadable
 * bodies and Spring's own MVC errors (404, 405, 415...) as {@code application/problem+json} with {@code type},
 * {@code title}, {@code status}, {@code detail} and, for bad input, an {@code errors} list of {field, message}.
 * A service extends it with {@code @RestControllerAdvice} and adds handlers for its own exceptions; types and
 * titles come from {@link ProblemType}, unreadable bodies are worded by {@link JsonProblems}. Never a stack trace.
 */
public abstract class ProblemAdviceSupport extends ResponseEntityExceptionHandler {
    /** Seconds a client should wait before retrying after a 503. */
    public static final String RETRY_AFTER = "5";
    /** Says what happened and what to do, never which dependency or why (no internals). */
    public static final String OUTAGE_DETAIL =
            "a service this request needs cannot be reached right now; nothing was recorded, retry later";
    private static final Logger log = LoggerFactory.getLogger(ProblemAdviceSupport.class);


    /** A 400 {@code invalid-input} listing the problems. */
    protected ResponseEntity<Object> invalidInput(List<FieldProblem> problems) {
        return problem(ProblemType.INVALID_INPUT, summary(problems), problems);
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
        return invalidInput(List.of(JsonProblems.describe(e)));
    }

    /** Input refused at the edge (control characters, oversize text or body): 400 or 413 naming the field. */
    @ExceptionHandler(EdgeProblemException.class)
    public ResponseEntity<Object> edgeProblem(EdgeProblemException e) {
        if (e.status() == HttpStatus.CONTENT_TOO_LARGE) {
            return problem(ProblemType.TOO_LARGE, summary(e.problems()), e.problems());
        }
        return invalidInput(e.problems());
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
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body(ProblemType.SERVICE_UNAVAILABLE, OUTAGE_DETAIL, null));
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
            detail.setType(URI.create(ProblemType.forStatus(status.value())));
        }
        if (detail.getDetail() == null) {
            detail.setDetail(detail.getTitle());
        }
        return ResponseEntity.status(status).headers(base.getHeaders())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail);
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

    /** A problem+json answer of the shared vocabulary. */
    public static ResponseEntity<Object> problem(ProblemType type, String detail, List<FieldProblem> errors) {
        return ResponseEntity.status(type.status()).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body(type, detail, errors));
    }

    public static ProblemDetail body(ProblemType type, String detail, List<FieldProblem> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(type.status()), detail);
        problem.setType(URI.create(type.uri()));
        problem.setTitle(type.title());
        if (errors != null) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }
}
