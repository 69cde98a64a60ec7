package vn.motcua.reporting.access;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.security.authentication.AuthorizationException;
import io.micronaut.security.authentication.DefaultAuthorizationExceptionHandler;
import jakarta.inject.Singleton;
import java.util.List;
import vn.motcua.access.AccessProblem;
import vn.motcua.reporting.web.Problem;

/**
 * The contract's 401 and 403, in the same words as the Spring services ({@link AccessProblem}): no
 * {@code Authorization} header at all is {@code Bearer}; any header that did not authenticate is
 * {@code Bearer error="invalid_token"}; an authenticated caller refused gets the 403 {@link AccessRule} chose.
 * Replaces Micronaut's handler (no redirects, no login challenge).
 */
@Singleton
@Replaces(DefaultAuthorizationExceptionHandler.class)
@Produces(Problem.MEDIA_TYPE)
public class AccessProblemHandler implements ExceptionHandler<AuthorizationException, MutableHttpResponse<?>> {
    @Override
    public MutableHttpResponse<?> handle(HttpRequest request, AuthorizationException exception) {
        AccessProblem problem = problemFor(request, exception.isForbidden());
        MutableHttpResponse<Problem> response = HttpResponse.<Problem>status(
                        io.micronaut.http.HttpStatus.valueOf(problem.status()))
                .contentType(Problem.MEDIA_TYPE)
                .body(new Problem(problem.typeUri(), problem.title(), problem.status(), problem.detail(),
                        request.getPath(), List.of()));
        if (problem.wwwAuthenticate() != null) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, problem.wwwAuthenticate());
        }
        return response;
    }

    static AccessProblem problemFor(HttpRequest<?> request, boolean authenticated) {
        if (authenticated) {
            return request.getAttribute(AccessRule.REFUSAL, AccessProblem.class)
                    .orElseGet(AccessProblem::missingRole);
        }
        // Whatever the header held, the caller tried to authenticate and failed.
        return request.getHeaders().contains(HttpHeaders.AUTHORIZATION) ? AccessProblem.invalidToken()
                : AccessProblem.missingToken();
    }
}
