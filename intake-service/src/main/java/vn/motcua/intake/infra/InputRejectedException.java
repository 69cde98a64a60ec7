package vn.motcua.intake.infra;

import java.util.List;
import org.springframework.http.HttpStatus;
import vn.motcua.spring.web.FieldProblem;

/**
 * Input the service refuses, naming the fields: 400 for malformed requests, 422 for well-formed requests that break
 * a rule (unknown office, POSTAL for a procedure without postal service...).
 */
public class InputRejectedException extends RuntimeException {
    private final HttpStatus status;
    private final List<FieldProblem> problems;

    public InputRejectedException(HttpStatus status, List<FieldProblem> problems) {
        super(problems.isEmpty() ? "invalid input" : problems.get(0).field() + ": " + problems.get(0).message());
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public static InputRejectedException badRequest(String field, String message) {
        return new InputRejectedException(HttpStatus.BAD_REQUEST, List.of(new FieldProblem(field, message)));
    }

    public static InputRejectedException unprocessable(String field, String message) {
        return new InputRejectedException(HttpStatus.UNPROCESSABLE_CONTENT, List.of(new FieldProblem(field, message)));
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
