package vn.motcua.reporting.web;

import vn.motcua.access.ProblemType;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.Error;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Micronaut's own errors (no such route, wrong method, unreadable parameter, internal failure) as
 * problem+json too, so every error of this service has the same shape and none carries a stack trace. Their
 * {@code type} is the status code under the common base, as in the Spring services ({@code .../problems/404}).
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
public class ProblemErrorResponseProcessor implements ErrorResponseProcessor<Problem> {
    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        HttpStatus status = response.getStatus();
        List<FieldError> errors = new ArrayList<>();
        String detail = status.getReason();
        if (status.getCode() < 500) {
            for (Error error : context.getErrors()) {
                errors.add(new FieldError(error.getPath().orElse(""), error.getMessage()));
            }
            if (!errors.isEmpty()) {
                detail = errors.get(0).message();
            }
        } else {
            detail = "The server could not answer; the failure was logged.";
        }
        Problem problem = new Problem(ProblemType.forStatus(status.getCode()), status.getReason(), status.getCode(), detail,
                context.getRequest().getPath(), errors);
        return response.contentType(Problem.MEDIA_TYPE).body(problem);
    }
}
