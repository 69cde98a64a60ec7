package vn.motcua.access;

/**
 * The problem+json vocabulary of every motcua service (RFC 9457 {@code type} and {@code title}), Spring and
 * Micronaut alike: integrators switch on {@code type}, so a kind of problem has one slug and one title wherever it
 * is answered. The access problems (401/403) are {@link AccessProblem}; errors a framework answers by itself (405,
 * 406, 415...) get {@link #forStatus(int)}.
 */
public enum ProblemType {
    /** 400: a field is missing, malformed or out of range; {@code errors} names it. */
    INVALID_INPUT(400, "invalid-input", "Invalid request"),
    /** 404: no such dossier, petition, office, document... */
    NOT_FOUND(404, "not-found", "Not found"),
    /** 409: the request contradicts the current state (a second rating, a cancelled receipt...). */
    CONFLICT(409, "conflict", "Conflict with the current state"),
    /** 409: a workflow command the dossier's or petition's state does not allow. */
    COMMAND_REFUSED(409, "command-refused", "Command refused by the dossier's state"),
    /** 409: another request changed the same dossier at the same moment; retry. */
    CONCURRENT_CHANGE(409, "concurrent-change", "Concurrent change"),
    /** 409: a document that cannot be produced in the dossier's state. */
    DOCUMENT_UNAVAILABLE(409, "document-unavailable", "Document not available"),
    /** 409: a projection rebuild is already running. */
    REBUILD_RUNNING(409, "rebuild-running", "A rebuild is running"),
    /** 413: the body is larger than the service accepts. */
    TOO_LARGE(413, "too-large", "Request too large"),
    /** 422: well-formed, but breaks a rule (an offline procedure received ONLINE, an idempotency key reused...). */
    RULE_BROKEN(422, "rule-broken", "Request breaks a rule"),
    /** 429: too many tries; {@code Retry-After} says when to come back. */
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    /** 500: a defect; logged, never described. */
    INTERNAL(500, "internal", "Internal error"),
    /** 503: a dependency (database, broker, identity provider) is unreachable; nothing was recorded. */
    SERVICE_UNAVAILABLE(503, "service-unavailable", "Service temporarily unavailable");

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    /** The {@code type} URI. */
    public String uri() {
        return AccessProblem.TYPE_BASE + slug;
    }

    /** The {@code type} URI of an error a framework answers by itself: the base and the status code. */
    public static String forStatus(int status) {
        return AccessProblem.TYPE_BASE + status;
    }
}
