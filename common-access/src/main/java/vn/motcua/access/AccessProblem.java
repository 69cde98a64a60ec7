package vn.motcua.access;

/**
 * The 401 and 403 answers every service gives, Spring and Micronaut alike: one problem+json vocabulary and the
 * {@code WWW-Authenticate} values of RFC 6750 that the contract fixes. A framework only renders these.
 */
public record AccessProblem(int status, String type, String title, String detail, String wwwAuthenticate) {
    /** Base of every problem {@code type} URI of motcua (the other problems use it too). */
    public static final String TYPE_BASE = "https://motcua.vn/problems/";

    public static final String CHALLENGE = "Bearer";
    public static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";

    /** No {@code Authorization} header at all. */
    public static AccessProblem missingToken() {
        return new AccessProblem(401, "unauthorized", "Authentication required",
                "this endpoint needs an access token: Authorization: Bearer <token>", CHALLENGE);
    }

    /**
     * Any token or header that does not authenticate: malformed, unsigned, wrongly signed, expired, not yet valid,
     * foreign issuer or audience. The detail never says which check failed: that would help a forger.
     */
    public static AccessProblem invalidToken() {
        return new AccessProblem(401, "invalid-token", "Invalid access token",
                "the access token is malformed, not signed by the configured issuer, expired or not meant for motcua",
                INVALID_TOKEN_CHALLENGE);
    }

    /** Authenticated, but the role or the office is not the caller's. */
    public static AccessProblem forbidden(String detail) {
        return new AccessProblem(403, "forbidden", "Not allowed", detail, null);
    }

    public static AccessProblem missingRole() {
        return forbidden("the access token holds none of the roles this endpoint needs");
    }

    public static AccessProblem officeOutOfScope(String officeId) {
        return forbidden("office " + officeId + " is outside the offices of the access token");
    }

    public String typeUri() {
        return TYPE_BASE + type;
    }
}
