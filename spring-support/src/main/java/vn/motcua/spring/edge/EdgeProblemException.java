package vn.motcua.spring.edge;

import java.util.List;
import org.springframework.http.HttpStatus;
import vn.motcua.spring.web.FieldProblem;

/**
 * Input refused at the edge, before any service code: text with control characters or beyond every bound (400),
 * a body larger than the limit (413). {@code ProblemAdviceSupport} answers it as problem+json naming the field.
 */
public class EdgeProblemException extends RuntimeException {
    private final HttpStatus status;
    private final transient List<FieldProblem> problems;

    public EdgeProblemException(HttpStatus status, List<FieldProblem> problems) {
        super(problems.isEmpty() ? status.getReasonPhrase() : problems.get(0).field() + ": "
                + problems.get(0).message(), null, false, false);
        this.status = status;
        this.problems = List.copyOf(problems);
    }

    public static EdgeProblemException tooLarge(long limit) {
        return new EdgeProblemException(HttpStatus.CONTENT_TOO_LARGE,
                List.of(new FieldProblem("body", "request body exceeds " + limit + " bytes")));
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
