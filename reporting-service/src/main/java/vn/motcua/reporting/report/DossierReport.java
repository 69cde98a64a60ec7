package vn.motcua.reporting.report;

import io.micronaut.serde.annotation.Serdeable;

/** The answer of {@code GET /api/v1/reports/dossiers}, in the contract's shape. */
@Serdeable
public record DossierReport(String officeId, String from, String to, String scope,
                            Figures.Received received, Figures.Resolved resolved, long withdrawn,
                            Figures.InProgress inProgress, Figures.Online online, Figures.Apologies apologies,
                            Figures.Rates rates) {

    static DossierReport of(ReportRequest request, Figures f) {
        return new DossierReport(request.officeId(), request.from().toString(), request.to().toString(),
                request.scope().name().toLowerCase(), f.received(), f.resolved(), f.withdrawn(), f.inProgress(),
                f.online(), f.apologies(), f.rates());
    }
}
