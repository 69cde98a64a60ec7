package vn.motcua.reporting.web;

import vn.motcua.access.ProblemType;
import io.micronaut.http.HttpStatus;
import java.util.List;

/** Thrown by resources for a 4xx answer; turned into problem+json by {@link ProblemExceptionHandler}. */
public class ProblemException extends RuntimeException {
    private final HttpStatus status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;

    /** A problem of the shared vocabulary: its type, title and status are {@link ProblemType}'s. */
    public ProblemException(ProblemType type, String detail, List<FieldError> errors) {
        super(detail);
        this.status = HttpStatus.valueOf(type.status());
        this.type = type.uri();
        this.title = type.title();
        this.errors = List.copyOf(errors);
    }

    public static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return new ProblemException(ProblemType.INVALID_INPUT, detail, errors);
    }

    public static ProblemException notFound(String detail, List<FieldError> errors) {
        return new ProblemException(ProblemType.NOT_FOUND, detail, errors);
    }

    public HttpStatus status() {
        return status;
    }

    public Problem toProblem(String instance) {
        return new Problem(type, title, status.getCode(), getMessage(), instance, errors);
    }
}
