package vn.motcua.reporting.report;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
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
    private final CounterRepository counters;
    private final boolean fastPath;
    private final ZoneId zone;
    private final Clock clock;

    @Inject
    public ReportService(ReportRepository repository, CounterRepository counters,
                         @Value("${motcua.report.zone:Asia/Ho_Chi_Minh}") String zone,
                         @Value("${motcua.report.fast-path:true}") boolean fastPath) {
        this(repository, counters, fastPath, ZoneId.of(zone), Clock.systemUTC());
    }

    ReportService(ReportRepository repository, CounterRepository counters, boolean fastPath, ZoneId zone,
                  Clock clock) {
        this.repository = repository;
        this.counters = counters;
        this.fastPath = fastPath;
        this.zone = zone;
        this.clock = clock;
    }

    public DossierReport report(ReportRequest request) throws SQLException {
        requireKnown(request.officeId());
        Map<String, Figures.Counts> counts = counts(request, request.scope() == Scope.SUBTREE, null);
        return DossierReport.of(request, Figures.of(counts.getOrDefault("TOTAL", Figures.Counts.ZERO)));
    }

    /**
     * A period that has ended (its end is a local midnight) comes from the day counters; one still running is
     * measured now, an instant the day counters cannot split, so it and breakdowns by field or procedure come
     * from the plain aggregate over the per-dossier facts.
     */
    private Map<String, Figures.Counts> counts(ReportRequest request, boolean subtree, Breakdown by)
            throws SQLException {
        Instant end = end(request);
        boolean ended = end.equals(periodEnd(request));
        if (fastPath && ended && (by == null || by == Breakdown.OFFICE)) {
            return counters.counts(request.officeId(), subtree, request.from(), request.to().plusDays(1),
                    by == Breakdown.OFFICE);
        }
        return repository.counts(request.officeId(), subtree, start(request), end, by);
    }

    public BreakdownReport breakdown(ReportRequest request, Breakdown by) throws SQLException {
        requireKnown(request.officeId());
        Map<String, Figures.Counts> groups = counts(request, true, by);
        Map<String, Figures.Counts> total = counts(request, true, null);
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
        Map<String, Figures.Counts> groups = counts(request, true, Breakdown.OFFICE);
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
            throw ProblemException.notFound("No office " + officeId + " has been registered and no dossier names it",
                    List.of(new FieldError("officeId", "unknown office " + officeId)));
        }
    }

    private Instant start(ReportRequest request) {
        return request.from().atStartOfDay(zone).toInstant();
    }

    private Instant periodEnd(ReportRequest request) {
        return request.to().plusDays(1).atStartOfDay(zone).toInstant();
    }

    private Instant end(ReportRequest request) {
        Instant periodEnd = periodEnd(request);
        Instant now = clock.instant();
        return periodEnd.isAfter(now) ? now : periodEnd;
    }
}
