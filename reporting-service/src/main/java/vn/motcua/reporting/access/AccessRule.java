package vn.motcua.reporting.access;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import org.reactivestreams.Publisher;
import vn.motcua.access.AccessProblem;
import vn.motcua.access.Caller;
import vn.motcua.access.OfficeScope;

/**
 * Applies {@link AccessTable} to every request, before any controller runs. It always answers ALLOWED or
 * REJECTED (never UNKNOWN) and runs first, so Micronaut's other rules never get a say. A refusal leaves the
 * matching 403 problem in a request attribute for {@link AccessProblemHandler}; an unauthenticated refusal
 * becomes a 401 there.
 */
@Singleton
public class AccessRule implements SecurityRule<HttpRequest<?>> {
    /** Request attribute: the {@link AccessProblem} of a 403. */
    public static final String REFUSAL = "motcua.access.refusal";

    private final OfficeAncestry offices;
    private final ExecutorService blocking;

    public AccessRule(OfficeAncestry offices, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.offices = offices;
        this.blocking = blocking;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request,
                                               @Nullable Authentication authentication) {
        if (request == null) {
            return Publishers.just(SecurityRuleResult.REJECTED);
        }
        Optional<AccessTable.Row> found = AccessTable.find(request.getMethodName(), request.getPath());
        if (found.isEmpty()) {
            return refuse(request, AccessProblem.forbidden("no access rule opens this endpoint"));
        }
        AccessTable.Row row = found.get();
        if (row.need() == AccessTable.Need.PUBLIC) {
            // No token needed; but a bearer token that does not authenticate is refused (401 invalid_token)
            // even here, as the Spring services do (RFC 6750). Other schemes are ignored.
            return Publishers.just(authentication == null && presentsBearer(request) ? SecurityRuleResult.REJECTED
                    : SecurityRuleResult.ALLOWED);
        }
        if (authentication == null) {
            return Publishers.just(SecurityRuleResult.REJECTED); // 401: no valid token
        }
        Caller caller = Callers.of(authentication);
        if (!caller.hasAnyRole(row.roles())) {
            return refuse(request, AccessProblem.missingRole());
        }
        if (row.need() == AccessTable.Need.ROLE || caller.allOffices()) {
            return Publishers.just(SecurityRuleResult.ALLOWED);
        }
        // No office named: let the controller answer its 400; nothing is read for nobody's office.
        List<String> named = request.getParameters().getAll(row.officeParameter());
        if (named.isEmpty()) {
            return Publishers.just(SecurityRuleResult.ALLOWED);
        }
        // The tree lives in PostgreSQL: read it off the event loop.
        return Publishers.fromCompletableFuture(() -> CompletableFuture.supplyAsync(
                () -> outsideScope(caller, named), blocking).thenApply(denied -> denied
                .map(officeId -> {
                    request.setAttribute(REFUSAL, AccessProblem.officeOutOfScope(officeId));
                    return SecurityRuleResult.REJECTED;
                })
                .orElse(SecurityRuleResult.ALLOWED)));
    }

    /** The first named office the caller may not see, if any. */
    private Optional<String> outsideScope(Caller caller, List<String> named) {
        for (String officeId : named) {
            try {
                if (!OfficeScope.grants(caller, officeId, offices.above(officeId))) {
                    return Optional.of(officeId);
                }
            } catch (SQLException e) {
                throw new CompletionException(e);
            }
        }
        return Optional.empty();
    }

    private static boolean presentsBearer(HttpRequest<?> request) {
        return request.getHeaders().getAll(HttpHeaders.AUTHORIZATION).stream()
                .anyMatch(h -> h.regionMatches(true, 0, "Bearer", 0, "Bearer".length()));
    }

    private static Publisher<SecurityRuleResult> refuse(HttpRequest<?> request, AccessProblem problem) {
        request.setAttribute(REFUSAL, problem);
        return Publishers.just(SecurityRuleResult.REJECTED);
    }
}
