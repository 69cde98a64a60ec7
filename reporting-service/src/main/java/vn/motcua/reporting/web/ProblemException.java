package vn.motcua.reporting.web;

import io.micronaut.http.HttpStatus;
import java.util.List;

/** Thrown by resources for a 4xx answer; turned into problem+json by {@link ProblemExceptionHandler}. */
public class ProblemException extends RuntimeException {
    private final HttpStatus status;
    private final String type;
    private final String title;
    private final List<FieldError> errors;

    /** @param type the problem's slug; its URI is {@link Problem#type(String)} */
    public ProblemException(HttpStatus status, String type, String title, String detail, List<FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = Problem.type(type);
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException invalid(List<FieldError> errors) {
        String detail = errors.stream().map(e -> e.field() + ": " + e.message())
                .reduce((a, b) -> a + "; " + b).orElse("invalid request");
        return new ProblemException(HttpStatus.BAD_REQUEST, "invalid-request",
                "Invalid request", detail, errors);
    }

    public static ProblemException notFound(String type, String title, String detail, List<FieldError> errors) {
        return new ProblemException(HttpStatus.NOT_FOUND, type, title, detail, errors);
    }

    public HttpStatus status() {
        return status;
    }

    public Problem toProblem(String instance) {
        return new Problem(type, title, status.getCode(), getMessage(), instance, errors);
    }
}
