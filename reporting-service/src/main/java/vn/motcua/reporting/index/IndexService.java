package vn.motcua.reporting.index;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import vn.motcua.reporting.report.ReportRepository;
import vn.motcua.reporting.report.ReportRequest;
import vn.motcua.reporting.report.Scope;
import vn.motcua.reporting.web.FieldError;
import vn.motcua.reporting.web.ProblemException;

/**
 * The Decision 766 index and its ranking over the pre-aggregated counters. The period is [from, to+1) in local
 * days, like the form 06 report over counters; a period that has not ended is measured at the end of {@code to}.
 */
@Singleton
public class IndexService {
    private final IndexRepository repository;
    private final ReportRepository reports;
    private final IndicatorTable table;

    @Inject
    public IndexService(IndexRepository repository, ReportRepository reports, JsonMapper json,
                        @Nullable @Value("${motcua.index.indicators:}") String indicators) {
        this(repository, reports, IndicatorTable.read(json, indicators));
    }

    IndexService(IndexRepository repository, ReportRepository reports, IndicatorTable table) {
        this.repository = repository;
        this.reports = reports;
        this.table = table;
    }

    public IndicatorTable table() {
        return table;
    }

    public ServiceIndex index(ReportRequest request) throws SQLException {
        requireKnown(request.officeId());
        boolean subtree = request.scope() == Scope.SUBTREE;
        Map<String, IndexFigures> figures = repository.figures(request.officeId(), subtree, false, request.from(),
                request.to().plusDays(1));
        return IndexCalculator.compute(table, figures.getOrDefault(request.officeId(), IndexFigures.empty()),
                request.officeId(), request.from().toString(), request.to().toString(),
                request.scope().name().toLowerCase());
    }

    public IndexRanking ranking(ReportRequest request) throws SQLException {
        requireKnown(request.officeId());
        Map<String, String> children = repository.children(request.officeId());
        Map<String, IndexFigures> figures = repository.figures(request.officeId(), false, true, request.from(),
                request.to().plusDays(1));
        List<IndexRanking.Entry> entries = new ArrayList<>();
        children.forEach((id, name) -> {
            ServiceIndex index = IndexCalculator.compute(table, figures.getOrDefault(id, IndexFigures.empty()), id,
                    request.from().toString(), request.to().toString(), "subtree");
            entries.add(new IndexRanking.Entry(0, id, name, index.total(), index.maxTotal()));
        });
        entries.sort(Comparator.comparing(IndexRanking.Entry::total).reversed()
                .thenComparing(IndexRanking.Entry::officeId));
        List<IndexRanking.Entry> ranked = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            IndexRanking.Entry e = entries.get(i);
            int rank = i > 0 && entries.get(i - 1).total().compareTo(e.total()) == 0 ? ranked.get(i - 1).rank() : i + 1;
            ranked.add(new IndexRanking.Entry(rank, e.officeId(), e.name(), e.total(), e.maxTotal()));
        }
        return new IndexRanking(request.officeId(), request.from().toString(), request.to().toString(), ranked);
    }

    private void requireKnown(String officeId) throws SQLException {
        if (!reports.officeKnown(officeId)) {
            throw ProblemException.notFound("No office " + officeId + " has been registered and no dossier names it",
                    List.of(new FieldError("officeId", "unknown office " + officeId)));
        }
    }
}
