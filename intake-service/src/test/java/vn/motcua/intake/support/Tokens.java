package vn.motcua.intake.support;

import java.util.List;
import vn.motcua.testsupport.TestIssuer;

/**
 * The one token issuer of the test JVM (a real key pair, its JWKS on loopback): the Spring context trusts it, and
 * every test signs its callers' tokens with it.
 */
public final class Tokens {
    public static final TestIssuer ISSUER = TestIssuer.start();

    private Tokens() {
    }

    /** What {@link Api} sends unless told otherwise: an admin of every office. */
    public static String admin() {
        return ISSUER.bearer("test-admin", List.of("admin"), List.of("*"));
    }

    public static String bearer(String subject, List<String> roles, List<String> offices) {
        return ISSUER.bearer(subject, roles, offices);
    }

    /** A caller holding one role for the given offices, its sub the role's name. */
    public static String bearer(String role, String... offices) {
        return ISSUER.bearer(role, offices);
    }
}
