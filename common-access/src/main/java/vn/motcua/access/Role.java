package vn.motcua.access;

import java.util.Locale;
import java.util.Optional;

/** The roles of the contract's access table; the token's {@code roles} claim names them in lower case. */
public enum Role {
    CLERK, OFFICER, ANALYST, ADMIN;

    /** The name in the {@code roles} claim. */
    public String claim() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role a claim value names; empty for a value the contract does not know (it grants nothing). */
    public static Optional<Role> fromClaim(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (Role role : values()) {
            if (role.claim().equals(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
