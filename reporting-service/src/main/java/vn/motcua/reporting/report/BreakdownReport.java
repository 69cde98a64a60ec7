package vn.motcua.reporting.report;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/reports/dossiers/breakdown}: one row per child office (the office's own
 * desk first), field or procedure, and the total over the office's whole subtree.
 */
@Serdeable
public record BreakdownReport(String officeId, String from, String to, String by, List<Row> rows, Row total) {

    @Serdeable
    public record Row(String key, String label, Figures.Received received, Figures.Resolved resolved,
                      long withdrawn, Figures.InProgress inProgress, Figures.Online online,
                      Figures.Apologies apologies, Figures.Rates rates) {
        static Row of(String key, String label, Figures f) {
            return new Row(key, label, f.received(), f.resolved(), f.withdrawn(), f.inProgress(), f.online(),
                    f.apologies(), f.rates());
        }

        public Figures figures() {
            return new Figures(received, resolved, withdrawn, inProgress, online, apologies, rates);
        }
    }
}
