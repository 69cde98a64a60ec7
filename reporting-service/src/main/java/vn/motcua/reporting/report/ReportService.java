package vn.motcua.reporting.report;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.motcua.reporting.web.FieldError;
import vn.motcua.reporting.web.ProblemException;

/**
 * Turns a period of local dates into instants and asks the repository. The period is [from 00:00, to+1 00:00)
 * in the reporting time zone; "at the period's end" is that end, or now if the period has not ended yet.
 */
@Singleton
public class ReportService {
    private final ReportRepository repository;
    private final ZoneId zone;
    private final Clock clock;

    public ReportService(ReportRepository repository,
                         @Value("${motcua.report.zone:Asia/Ho_Chi_Minh}") String zone) {
        this(repository, ZoneId.of(zone), Clock.systemUTC());
    }

    ReportService(ReportRepository repository, ZoneId zone, Clock clock) {
        this.repository = repository;
        this.zone = zone;
        this.clock = clock;
    }

    public DossierReport report(ReportRequest request) throws SQLException {
        requireKnown(request.officeId());
        Map<String, Figures.Counts> counts = repository.counts(request.officeId(),
                request.scope() == Scope.SUBTREE, start(request), end(request), null);
        return DossierReport.of(request, Figures.of(counts.getOrDefault("TOTAL", Figures.Counts.ZERO)));
    }

    public BreakdownReport breakdown(ReportRequest request, Breakdown by) throws SQLException {
        requireKnown(request.officeId());
        Instant start = start(request);
        Instant end = end(request);
        Map<String, Figures.Counts> groups = repository.counts(request.officeId(), true, start, end, by);
        Map<String, Figures.Counts> total = repository.counts(request.officeId(), true, start, end, null);
        Map<String, String> labels = repository.labels(request.officeId(), by);
        // Child offices without a dossier still get their (zero) row; fields/procedures only when counted.
        Map<String, Figures.Counts> ordered = new LinkedHashMap<>();
        if (by == Breakdown.OFFICE) {
            labels.keySet().forEach(id -> ordered.put(id, groups.getOrDefault(id, Figures.Counts.ZERO)));
        }
        groups.keySet().stream().sorted().forEach(k -> ordered.putIfAbsent(k, groups.get(k)));
        List<BreakdownReport.Row> rows = new ArrayList<>();
        ordered.forEach((key, c) -> rows.add(BreakdownReport.Row.of(key, labels.getOrDefault(key, key),
                Figures.of(c))));
        BreakdownReport.Row totalRow = BreakdownReport.Row.of("TOTAL", "Total",
                Figures.of(total.getOrDefault("TOTAL", Figures.Counts.ZERO)));
        return new BreakdownReport(request.officeId(), request.from().toString(), request.to().toString(),
                by.name().toLowerCase(), rows, totalRow);
    }

    public Ranking ranking(ReportRequest request, Ranking.Measure measure) throws SQLException {
        requireKnown(request.officeId());
        Map<String, Figures.Counts> groups = repository.counts(request.officeId(), true, start(request),
                end(request), Breakdown.OFFICE);
        Map<String, String> labels = repository.labels(request.officeId(), Breakdown.OFFICE);
        List<Ranking.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, String> child : labels.entrySet()) {
            if (child.getKey().equals(request.officeId())) {
                continue; // the office's own desk is not one of the siblings being ranked
            }
            Figures f = Figures.of(groups.getOrDefault(child.getKey(), Figures.Counts.ZERO));
            long num = measure.numerator(f);
            long den = measure.denominator(f);
            entries.add(new Ranking.Entry(null, child.getKey(), child.getValue(), Figures.rate(num, den), num, den));
        }
        entries.sort(Comparator.comparing(Ranking.Entry::rate,
                Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder())).thenComparing(Ranking.Entry::officeId));
        List<Ranking.Entry> ranked = new ArrayList<>();
        Integer previousRank = null;
        BigDecimal previousRate = null;
        for (int i = 0; i < entries.size(); i++) {
            Ranking.Entry e = entries.get(i);
            Integer rank = null;
            if (e.rate() != null) {
                rank = previousRate != null && previousRate.compareTo(e.rate()) == 0 ? previousRank : i + 1;
                previousRank = rank;
                previousRate = e.rate();
            }
            ranked.add(new Ranking.Entry(rank, e.officeId(), e.name(), e.rate(), e.numerator(), e.denominator()));
        }
        return new Ranking(request.officeId(), request.from().toString(), request.to().toString(), measure.label(),
                ranked);
    }

    private void requireKnown(String officeId) throws SQLException {
        if (!repository.officeKnown(officeId)) {
            throw ProblemException.notFound("urn:motcua:problem:unknown-office", "Unknown office",
                    "No office " + officeId + " has been registered and no dossier names it",
                    List.of(new FieldError("officeId", "unknown office " + officeId)));
        }
    }

    private Instant start(ReportRequest request) {
        return request.from().atStartOfDay(zone).toInstant();
    }

    private Instant end(ReportRequest request) {
        Instant periodEnd = request.to().plusDays(1).atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        return periodEnd.isAfter(now) ? now : periodEnd;
    }
}
