package vn.motcua.reporting.report;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vn.motcua.reporting.web.FieldError;
import vn.motcua.reporting.web.ProblemException;

/**
 * Series and dossier lists. A series is the report computed per interval by {@link ReportService} (so each row is
 * exactly the report of its dates, from the day counters when the interval has ended); a dossier list uses the
 * report's own period bounds: [from 00:00, to+1 00:00) local, or now while the period runs.
 */
@Singleton
public class DrillService {
    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    private final ReportService reports;
    private final ReportRepository repository;
    private final ItemsRepository items;
    private final ZoneId zone;
    private final Clock clock = Clock.systemUTC();

    public DrillService(ReportService reports, ReportRepository repository, ItemsRepository items,
                        @Value("${motcua.report.zone:Asia/Ho_Chi_Minh}") String zone) {
        this.reports = reports;
        this.repository = repository;
        this.items = items;
        this.zone = ZoneId.of(zone);
    }

    public SeriesReport series(ReportRequest request, String intervalText) throws SQLException {
        Interval interval = (intervalText == null || intervalText.isBlank() ? java.util.Optional.of(Interval.MONTH)
                : Interval.parse(intervalText)).orElseThrow(() -> ProblemException.invalid(List.of(
                new FieldError("interval", "must be one of day, week, month"))));
        List<LocalDate[]> intervals = interval.split(request.from(), request.to()).orElseThrow(() ->
                ProblemException.invalid(List.of(new FieldError("interval", "more than " + Interval.MAX_ROWS
                        + " rows: choose a longer interval or a shorter period"))));
        List<DossierReport> rows = new ArrayList<>();
        for (LocalDate[] dates : intervals) {
            rows.add(reports.report(new ReportRequest(request.officeId(), dates[0], dates[1], request.scope())));
        }
        return new SeriesReport(request.officeId(), request.from().toString(), request.to().toString(),
                request.scope().name().toLowerCase(Locale.ROOT), interval.name().toLowerCase(Locale.ROOT), rows);
    }

    public DossierItems items(ReportRequest request, String figureText, String pageText, String sizeText)
            throws SQLException {
        List<FieldError> errors = new ArrayList<>();
        FigurePath figure = null;
        if (figureText == null || figureText.isBlank()) {
            errors.add(new FieldError("figure", "is required: the figure's JSON path, e.g. resolved.late"));
        } else {
            figure = FigurePath.parse(figureText).orElse(null);
            if (figure == null) {
                errors.add(new FieldError("figure", "must be one of " + String.join(", ", FigurePath.paths())));
            }
        }
        int page = number("page", pageText, 0, 0, 1_000_000, errors);
        int size = number("size", sizeText, DEFAULT_SIZE, 1, MAX_SIZE, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        if (!repository.officeKnown(request.officeId())) {
            throw ProblemException.notFound("No office " + request.officeId() + " has been registered and no dossier names it",
                    List.of(new FieldError("officeId", "unknown office " + request.officeId())));
        }
        Instant start = request.from().atStartOfDay(zone).toInstant();
        Instant periodEnd = request.to().plusDays(1).atStartOfDay(zone).toInstant();
        Instant now = clock.instant();
        Instant end = periodEnd.isAfter(now) ? now : periodEnd;
        ItemsRepository.Page found = items.page(request.officeId(), request.scope() == Scope.SUBTREE, start, end,
                figure, page, size);
        return new DossierItems(request.officeId(), request.from().toString(), request.to().toString(),
                request.scope().name().toLowerCase(Locale.ROOT), figure.path(), found.items(), page, size,
                found.total());
    }

    private static int number(String field, String text, int fallback, int min, int max, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(new FieldError(field, "must be a whole number from " + min + " to " + max));
        return fallback;
    }
}
