package vn.motcua.reporting.access;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.motcua.access.Role;

/** The table's matching rules, without a server: HEAD as GET, odd paths match nothing, no row = closed. */
class AccessTableTest {
    @ParameterizedTest
    @CsvSource({
        "GET,/api/v1/reports/dossiers,ROLE_AND_OFFICE",
        "HEAD,/api/v1/reports/dossiers/breakdown,ROLE_AND_OFFICE",
        "POST,/api/v1/projections/rebuild,ROLE",
        "GET,/prometheus,ROLE",
        "GET,/health,PUBLIC",
        "GET,/health/liveness,PUBLIC",
        "GET,/openapi/motcua-reporting-service-v1.yml,PUBLIC",
        "GET,/swagger-ui/index.html,PUBLIC",
        "GET,/,PUBLIC",
        "GET,/console/console.js,PUBLIC",
        "POST,/console/token,PUBLIC",
        "GET,/api/v1/reports/dossiers/series,ROLE_AND_OFFICE",
        "GET,/api/v1/reports/dossiers/items,ROLE_AND_OFFICE",
        "GET,/api/v1/reports/offices,ROLE_AND_OFFICE"})
    void rowsDecide(String method, String path, AccessTable.Need need) {
        assertThat(AccessTable.find(method, path)).get().extracting(AccessTable.Row::need).isEqualTo(need);
    }

    @ParameterizedTest
    @CsvSource({
        "POST,/api/v1/reports/dossiers",
        "DELETE,/health",
        "GET,/api/v1/reports/../projections/status",
        "GET,/api/v1/reports/./dossiers",
        "GET,//api/v1/reports/dossiers",
        "GET,/api/v1/reports%2F..%2Fprojections",
        "POST,/",
        "DELETE,/console/token",
        "GET,/index.html",
        "GET,/api/v1/somewhere-new"})
    void anythingElseHasNoRow(String method, String path) {
        assertThat(AccessTable.find(method, path)).isEmpty();
    }

    @Test
    void reportsAreForAnalystsWithinTheirOfficesAndOperationsForAdmins() {
        AccessTable.Row reports = AccessTable.find("GET", "/api/v1/reports/dossiers/ranking").orElseThrow();
        assertThat(reports.roles()).containsExactly(Role.ANALYST);
        assertThat(reports.officeParameter()).isEqualTo("officeId");
        assertThat(AccessTable.find("GET", "/api/v1/projections/status").orElseThrow().roles())
                .containsExactly(Role.ADMIN);
    }
}
