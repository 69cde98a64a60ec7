package vn.motcua.reporting.report;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The answer of {@code GET /api/v1/reports/dossiers/series}: one report per interval, oldest first. */
@Serdeable
public record SeriesReport(String officeId, String from, String to, String scope, String interval,
                           List<DossierReport> rows) {
}
