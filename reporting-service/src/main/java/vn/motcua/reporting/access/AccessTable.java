package vn.motcua.reporting.access;

import io.micronaut.core.util.PathMatcher;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.motcua.access.Role;

/**
 * Who may call what in this service: CONTRACT.md "Access" for reporting, in one place. The first row whose method
 * and path pattern match decides; a request no row matches is refused, so a new endpoint stays closed until it
 * gets a row here (and {@code AccessTableTest} fails until it does).
 */
public final class AccessTable {
    /** Any HTTP method. */
    public static final String ANY = "*";

    /** What a row asks of the caller. */
    public enum Need {
        /** No token needed. */
        PUBLIC,
        /** One of the roles. */
        ROLE,
        /** One of the roles, and every value of the office parameter inside the caller's offices. */
        ROLE_AND_OFFICE
    }

    /** One rule: method ({@link #ANY} for all), ant-style path pattern, what it needs. */
    public record Row(String method, String pattern, Need need, Set<Role> roles, String officeParameter) {
        public Row {
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        }

        static Row open(String method, String pattern) {
            return new Row(method, pattern, Need.PUBLIC, Set.of(), null);
        }

        static Row role(String method, String pattern, Role... roles) {
            return new Row(method, pattern, Need.ROLE, Set.of(roles), null);
        }

        static Row roleAndOffice(String method, String pattern, String officeParameter, Role... roles) {
            return new Row(method, pattern, Need.ROLE_AND_OFFICE, Set.of(roles), officeParameter);
        }

        /** HEAD is a GET without the body (RFC 9110): a GET row covers it. */
        public boolean matches(String requestMethod, String path) {
            String asked = "HEAD".equalsIgnoreCase(requestMethod) ? "GET" : requestMethod;
            return (ANY.equals(method) || method.equalsIgnoreCase(asked)) && PathMatcher.ANT.matches(pattern, path);
        }
    }

    /** The table. An admin holds every role ({@code Caller.hasAnyRole}), so "analyst" means "analyst or admin". */
    public static final List<Row> ROWS = List.of(
            // Public: probes and the API description.
            Row.open("GET", "/health"),
            Row.open("GET", "/health/**"),
            Row.open("GET", "/openapi/**"),
            // Swagger UI on the API description: a page, scripts and styles, no data.
            Row.open("GET", "/swagger-ui/**"),
            // The analysts' console (contract 1.1): the page, its scripts and styles, its sign-in settings and
            // the code-for-token exchange hold no data; every figure it shows comes from the rows below.
            Row.open("GET", "/"),
            Row.open("GET", "/console/**"),
            Row.open("POST", "/console/token"),
            // Contract 1.1: series, the dossiers behind a figure, and the console's office picker.
            Row.roleAndOffice("GET", "/api/v1/reports/dossiers/series", "officeId", Role.ANALYST),
            Row.roleAndOffice("GET", "/api/v1/reports/dossiers/items", "officeId", Role.ANALYST),
            Row.roleAndOffice("GET", "/api/v1/reports/offices", "officeId", Role.ANALYST),
            // Contract 1.1: the Decision 766 index and its ranking of the office's children.
            Row.roleAndOffice("GET", "/api/v1/reports/service-index", "officeId", Role.ANALYST),
            Row.roleAndOffice("GET", "/api/v1/reports/service-index/ranking", "officeId", Role.ANALYST),
            // Every report, breakdown and ranking; the office asked for must be in the caller's subtrees.
            Row.roleAndOffice("GET", "/api/v1/reports/**", "officeId", Role.ANALYST),
            // Operations: projection status and rebuilds.
            Row.role(ANY, "/api/v1/projections/**", Role.ADMIN),
            // Management endpoints other than health (Micronaut's defaults): metrics and the operator's views.
            Row.role(ANY, "/prometheus", Role.ADMIN),
            Row.role(ANY, "/metrics", Role.ADMIN),
            Row.role(ANY, "/metrics/**", Role.ADMIN),
            Row.role(ANY, "/info", Role.ADMIN),
            Row.role(ANY, "/flyway", Role.ADMIN),
            Row.role(ANY, "/routes", Role.ADMIN),
            Row.role(ANY, "/threaddump", Role.ADMIN),
            Row.role(ANY, "/refresh", Role.ADMIN));

    private AccessTable() {
    }

    /**
     * The row deciding a request; empty when none matches (refused). A path with empty, {@code .} or {@code ..}
     * segments matches nothing: the router never serves one, and a pattern must not be fooled by one.
     */
    public static Optional<Row> find(String method, String path) {
        if (path == null || !path.startsWith("/") || hasOddSegment(path)) {
            return Optional.empty();
        }
        for (Row row : ROWS) {
            if (row.matches(method, path)) {
                return Optional.of(row);
            }
        }
        return Optional.empty();
    }

    private static boolean hasOddSegment(String path) {
        if (path.contains("//") || path.contains("\\") || path.contains("%")) {
            return true;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
