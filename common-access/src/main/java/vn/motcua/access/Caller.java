package vn.motcua.access;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who is calling, as the access token says: {@code sub}, the roles it holds (unknown role names dropped) and the
 * offices it acts for ({@code "*"} for all).
 */
public record Caller(String subject, Set<Role> roles, Set<String> offices) {
    public static final String ALL_OFFICES = "*";

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        offices = Set.copyOf(offices);
    }

    /** From the token's claims as they come (lists of strings; null when the claim is absent). */
    public static Caller fromClaims(String subject, Collection<?> roleClaims, Collection<?> officeClaims) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (roleClaims != null) {
            roleClaims.forEach(r -> Role.fromClaim(String.valueOf(r)).ifPresent(roles::add));
        }
        Set<String> offices = new LinkedHashSet<>();
        if (officeClaims != null) {
            officeClaims.forEach(o -> offices.add(String.valueOf(o)));
        }
        return new Caller(subject, roles, offices);
    }

    /** True when the caller holds one of the roles; an admin holds every role (the contract: "all of the above"). */
    public boolean hasAnyRole(Set<Role> wanted) {
        if (roles.contains(Role.ADMIN)) {
            return true;
        }
        for (Role role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    public boolean allOffices() {
        return offices.contains(ALL_OFFICES);
    }
}
