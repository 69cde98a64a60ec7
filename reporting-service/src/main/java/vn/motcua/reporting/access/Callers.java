package vn.motcua.reporting.access;

import io.micronaut.security.authentication.Authentication;
import java.util.Collection;
import java.util.List;
import vn.motcua.access.Caller;

/** The {@link Caller} a validated access token describes ({@code sub}, {@code roles}, {@code offices}). */
public final class Callers {
    public static final String ROLES_CLAIM = "roles";
    public static final String OFFICES_CLAIM = "offices";

    private Callers() {
    }

    public static Caller of(Authentication authentication) {
        return Caller.fromClaims(authentication.getName(),
                list(authentication.getAttributes().get(ROLES_CLAIM)),
                list(authentication.getAttributes().get(OFFICES_CLAIM)));
    }

    /** A claim as a list: arrays as they are, a lone string as one element, anything else as nothing. */
    private static Collection<?> list(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values;
        }
        if (claim instanceof String value) {
            return List.of(value);
        }
        return null;
    }
}
