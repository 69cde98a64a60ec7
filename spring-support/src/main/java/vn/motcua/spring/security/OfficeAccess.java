package vn.motcua.spring.security;

import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import vn.motcua.access.Caller;
import vn.motcua.access.OfficeScope;
import vn.motcua.access.OfficeTree;
import vn.motcua.access.Role;

/**
 * The one place a Spring service decides "may this caller act on this office": roles from the contract's table,
 * offices against the catalogue tree the service holds. The security filter chain asks it for every request (the
 * office from a path variable, a query parameter or a dossier's record); a request body names its office through
 * {@link OfficeScopedBody}, checked before the controller runs.
 */
public class OfficeAccess {
    private final OfficeTree tree;

    public OfficeAccess(OfficeTree tree) {
        this.tree = tree;
    }

    public boolean grants(Caller caller, String officeId) {
        return OfficeScope.grants(caller, officeId, tree);
    }

    /** Fails with 403 unless the current caller may act on the office. */
    public void require(String officeId) {
        if (!grants(Callers.current(), officeId)) {
            throw new OfficeDeniedException(officeId);
        }
    }

    /** Any of the roles, nothing about offices (the office comes later, from the body). */
    public static AuthorizationManager<RequestAuthorizationContext> roles(Role... roles) {
        Set<Role> wanted = Set.of(roles);
        return (authentication, context) -> decision(caller(authentication) != null
                && caller(authentication).hasAnyRole(wanted));
    }

    /**
     * Any of the roles, and the office that {@code officeOf} finds for the request in the caller's scope. An office
     * the request does not name (null) passes here: the controller then answers 400 or 404 as it would anyway.
     */
    public AuthorizationManager<RequestAuthorizationContext> rolesAndOffice(
            Function<RequestAuthorizationContext, String> officeOf, Role... roles) {
        Set<Role> wanted = Set.of(roles);
        return (authentication, context) -> {
            Caller caller = caller(authentication);
            if (caller == null || !caller.hasAnyRole(wanted)) {
                return decision(false);
            }
            String officeId = officeOf.apply(context);
            if (officeId != null && !grants(caller, officeId)) {
                throw new OfficeDeniedException(officeId);
            }
            return decision(true);
        };
    }

    /** The office named by a query parameter, e.g. {@code ?officeId=}. */
    public static Function<RequestAuthorizationContext, String> parameter(String name) {
        return context -> {
            String value = context.getRequest().getParameter(name);
            return value == null || value.isBlank() ? null : value;
        };
    }

    /** The office named by a path variable, e.g. {@code /worklists/{officeId}}. */
    public static Function<RequestAuthorizationContext, String> pathVariable(String name) {
        return context -> context.getVariables().get(name);
    }

    private static Caller caller(Supplier<? extends Authentication> authentication) {
        Authentication auth = authentication.get();
        return auth instanceof JwtAuthenticationToken ? Callers.of(auth) : null;
    }

    private static AuthorizationResult decision(boolean granted) {
        return new AuthorizationDecision(granted);
    }
}
