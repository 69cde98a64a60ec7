package vn.motcua.workflow.web;

import java.util.Arrays;
import java.util.List;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import vn.motcua.access.ProblemType;
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

    @ExceptionHandler({DossierNotFoundException.class, AggregateNotFoundException.class})
    ResponseEntity<Object> notFound(RuntimeException e) {
        String detail = e instanceof DossierNotFoundException ? e.getMessage()
                : "dossier is not known to the workflow (not received, or not yet arrived)";
        return problem(ProblemType.NOT_FOUND, detail, null);
    }

    @ExceptionHandler(PetitionNotFoundException.class)
    ResponseEntity<Object> petitionNotFound(PetitionNotFoundException e) {
        return problem(ProblemType.NOT_FOUND, e.getMessage(), null);
    }

    @ExceptionHandler(CommandRefusedException.class)
    ResponseEntity<Object> refused(CommandRefusedException e) {
        return problem(ProblemType.COMMAND_REFUSED, e.getMessage(), null);
    }

    /** Two commands on one dossier at once: the loser is told to retry. */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Object> concurrent(ConcurrencyException e) {
        return problem(ProblemType.CONCURRENT_CHANGE, "the dossier was changed by another command at the same time; retry", null);
    }

    @ExceptionHandler(InvalidCommandException.class)
    ResponseEntity<Object> invalid(InvalidCommandException e) {
        return problem(ProblemType.RULE_BROKEN, e.field() + ": " + e.getMessage(),
                List.of(new FieldProblem(e.field(), e.getMessage())));
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Object> invalidParameter(InvalidParameterException e) {
        return invalidInput(List.of(new FieldProblem(e.field(), e.getMessage())));
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
        return invalidInput(List.of(new FieldProblem(e.getName(), expected)));
    }

    /** A database or broker outage is a 503 with Retry-After (nothing was recorded); anything else a 500. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        ResponseEntity<Object> outage = outage(e);
        if (outage != null) {
            return outage;
        }
        log.error("unexpected error", e);
        return problem(ProblemType.INTERNAL, "the request could not be completed; it has been logged", null);
    }
}
