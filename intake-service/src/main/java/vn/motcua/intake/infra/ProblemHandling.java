package vn.motcua.intake.infra;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import vn.motcua.access.ProblemType;
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

    @ExceptionHandler(InputRejectedException.class)
    ResponseEntity<Object> rejected(InputRejectedException e) {
        return e.status() == HttpStatus.BAD_REQUEST ? invalidInput(e.problems())
                : problem(ProblemType.RULE_BROKEN, summary(e.problems()), e.problems());
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e) {
        return problem(ProblemType.NOT_FOUND, e.getMessage(), null);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e) {
        return problem(ProblemType.CONFLICT, e.getMessage(),
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
        return problem(ProblemType.INTERNAL, "The request could not be completed; it has been logged.", null);
    }
}
