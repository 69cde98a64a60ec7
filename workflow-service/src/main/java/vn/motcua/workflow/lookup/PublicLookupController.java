package vn.motcua.workflow.lookup;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.servlet.http.HttpServletRequest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.motcua.events.LookupPin;
import vn.motcua.access.ProblemType;
import vn.motcua.spring.web.ProblemAdviceSupport;
import vn.motcua.workflow.web.InvalidParameterException;

/**
 * The citizens' status lookup (public, no token): the code printed on the receipt slip and its PIN. Answers no
 * personal data (workflow holds none). A wrong code and a wrong PIN answer the same 404, after the same PBKDF2
 * work, so neither the body nor the time tells which was wrong. At most {@code max-tries} tries a minute per
 * remote address (429 with {@code Retry-After}), counted before anything else. The PIN is never stored or logged.
 */
@RestController
public class PublicLookupController {
    /** LookupPin's alphabet (no look-alikes), after LookupPin's own normalisation (spaces, dashes, case). */
    private static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    /** Checked when the code is unknown, so an unknown code costs the same as a wrong PIN. */
    private static final String DECOY = LookupPin.verifier(LookupPin.generate());

    private final JdbcTemplate jdbc;
    private final LookupRateLimiter limiter;
    private final boolean trustForwardedFor;

    public PublicLookupController(JdbcTemplate jdbc, LookupRateLimiter limiter,
                                  @Value("${motcua.workflow.lookup.trust-forwarded-for:false}")
                                  boolean trustForwardedFor) {
        this.jdbc = jdbc;
        this.limiter = limiter;
        this.trustForwardedFor = trustForwardedFor;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(String code, String status, Instant receivedAt, Instant dueAt, Instant rescheduledDueAt,
                         String procedureName, String officeName) {
    }

    private record Row(Status status, String verifier) {
    }

    @GetMapping("/api/v1/public/dossiers/{code}")
    public ResponseEntity<Status> lookup(@PathVariable String code, @RequestParam(required = false) String pin,
                                         HttpServletRequest request) {
        Optional<Duration> wait = limiter.tryAcquire(address(request));
        if (wait.isPresent()) {
            throw new TooManyTriesException(wait.get());
        }
        String normalized = pin == null ? "" : pin.strip().replace(" ", "").replace("-", "")
                .toUpperCase(Locale.ROOT);
        if (normalized.length() != LookupPin.LENGTH || !normalized.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0)) {
            throw new InvalidParameterException("pin", "must be the " + LookupPin.LENGTH
                    + " letters and digits printed on the receipt slip");
        }
        Optional<Row> row = find(code);
        boolean matches = LookupPin.matches(normalized, row.map(Row::verifier).orElse(DECOY));
        if (row.isEmpty() || row.get().verifier() == null || !matches) {
            throw new LookupNotFoundException();
        }
        return ResponseEntity.status(HttpStatus.OK).header("Cache-Control", "no-store").body(row.get().status());
    }

    /** The remote address; the first X-Forwarded-For hop only when configured (behind a trusted proxy). */
    private String address(HttpServletRequest request) {
        if (trustForwardedFor) {
            String forwarded = request.getHeader("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].strip();
            }
        }
        return request.getRemoteAddr();
    }

    private Optional<Row> find(String code) {
        if (code == null || code.isBlank() || code.length() > 64) {
            return Optional.empty();
        }
        List<Row> rows = jdbc.query("""
                SELECT d.code, d.status, d.received_at, d.due_at, d.rescheduled_due_at, d.lookup_verifier,
                       p.name AS procedure_name, o.name AS office_name
                FROM dossier_view d
                LEFT JOIN catalogue_procedure p ON p.code = d.procedure_code
                LEFT JOIN office o ON o.office_id = d.office_id
                WHERE d.code = ? ORDER BY d.received_at DESC LIMIT 1""", (rs, n) -> new Row(new Status(
                rs.getString("code"), rs.getString("status"), instant(rs.getTimestamp("received_at")),
                instant(rs.getTimestamp("due_at")), instant(rs.getTimestamp("rescheduled_due_at")),
                rs.getString("procedure_name"), rs.getString("office_name")), rs.getString("lookup_verifier")), code);
        return rows.stream().findFirst();
    }

    private static Instant instant(Timestamp ts) {
        return ts == null ? null : ts.toInstant();
    }

    /** Local handlers: they win over the service's catch-all advice. */
    @ExceptionHandler(LookupNotFoundException.class)
    ResponseEntity<Object> notFound(LookupNotFoundException e) {
        // Not even the path differs between a wrong code and a wrong PIN: a fixed instance.
        ProblemDetail body = ProblemAdviceSupport.body(ProblemType.NOT_FOUND,
                "no dossier has this code and PIN: check both on the receipt slip", null);
        body.setInstance(URI.create("/api/v1/public/dossiers"));
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .header("Cache-Control", "no-store").body(body);
    }

    @ExceptionHandler(TooManyTriesException.class)
    ResponseEntity<Object> tooMany(TooManyTriesException e) {
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        ResponseEntity<Object> problem = ProblemAdviceSupport.problem(ProblemType.TOO_MANY_REQUESTS,
                e.getMessage(), null);
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header("Retry-After", Long.toString(seconds)).body(problem.getBody());
    }

    /** A wrong code or a wrong PIN: one answer for both. */
    public static class LookupNotFoundException extends RuntimeException {
        LookupNotFoundException() {
            super("no dossier with this code and PIN");
        }
    }

    /** More than the allowed tries a minute from one address. */
    public static class TooManyTriesException extends RuntimeException {
        private final Duration retryAfter;

        TooManyTriesException(Duration retryAfter) {
            super("too many lookups from this address: try again later");
            this.retryAfter = retryAfter;
        }

        public Duration retryAfter() {
            return retryAfter;
        }
    }
}
