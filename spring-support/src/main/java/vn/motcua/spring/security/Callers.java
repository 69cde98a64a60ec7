package vn.motcua.spring.security;

import java.util.Collection;
import java.util.List;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import vn.motcua.access.Caller;

/** The caller of the current request, from its validated token. */
public final class Callers {
    private Callers() {
    }

    /** The current caller; fails if there is none (every non-public endpoint has one). */
    public static Caller current() {
        return of(SecurityContextHolder.getContext().getAuthentication());
    }

    /** The {@code sub} of the current caller, or null outside a request (a scheduled job, a consumer). */
    public static String currentSubject() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth instanceof JwtAuthenticationToken jwt ? jwt.getToken().getSubject() : null;
    }

    public static Caller of(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken token)) {
            throw new IllegalStateException("no authenticated caller");
        }
        return of(token.getToken());
    }

    public static Caller of(Jwt jwt) {
        return Caller.fromClaims(jwt.getSubject(), list(jwt.getClaims().get("roles")),
                list(jwt.getClaims().get("offices")));
    }

    private static Collection<?> list(Object claim) {
        if (claim == null) {
            return List.of();
        }
        return claim instanceof Collection<?> c ? c : List.of(claim); // a provider may send one value as a string
    }
}
