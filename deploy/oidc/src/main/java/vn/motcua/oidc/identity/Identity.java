package vn.motcua.oidc.identity;

import java.util.List;

/**
 * A client application or a person who may get tokens. {@code secret} is the client secret or the password, in
 * clear only between reading the file and hashing it.
 */
public record Identity(String name, String secret, List<String> roles, List<String> offices) {
    public Identity {
        roles = List.copyOf(roles);
        offices = List.copyOf(offices);
    }
}
