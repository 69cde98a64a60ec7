package vn.motcua.reporting.report;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import vn.motcua.reporting.web.ContractErrors;

/**
 * Per-office statistics (CONTRACT.md "Reporting service"), as JSON or, with {@code Accept: text/csv}, CSV, or with
 * the XLSX media type a form 06 workbook ({@link ReportXlsx}).
 */
@Controller("/api/v1/reports/dossiers")
@ContractErrors
@ExecuteOn(TaskExecutors.BLOCKING)
public class ReportController {
    private static final MediaType CSV = new MediaType("text/csv; charset=utf-8");

    private final ReportService service;

    public ReportController(ReportService service) {
        this.service = service;
    }

    @Get(produces = {MediaType.APPLICATION_JSON, ReportCsv.MEDIA_TYPE, ReportXlsx.MEDIA_TYPE})
    @ApiResponse(responseCode = "200", description = "the report; CSV with Accept: text/csv, the form 06 workbook with the XLSX media type",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DossierReport.class)),
                @Content(mediaType = ReportCsv.MEDIA_TYPE, schema = @Schema(type = "string")),
                @Content(mediaType = ReportXlsx.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary"))})
    public HttpResponse<?> report(HttpRequest<?> http, @Nullable @QueryValue String officeId,
                                  @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                  @Nullable @QueryValue String period, @Nullable @QueryValue String scope)
            throws SQLException {
        DossierReport report = service.report(ReportRequest.parse(officeId, from, to, period, scope));
        if (Negotiation.wantsXlsx(http)) {
            return Negotiation.xlsx(ReportXlsx.report(report), "report", report.officeId(), report.from(),
                    report.to());
        }
        return wantsCsv(http) ? csv(ReportCsv.report(report)) : HttpResponse.ok(report);
    }

    @Get(uri = "/breakdown", produces = {MediaType.APPLICATION_JSON, ReportCsv.MEDIA_TYPE, ReportXlsx.MEDIA_TYPE})
    @ApiResponse(responseCode = "200", description = "rows and total; CSV with Accept: text/csv, XLSX with the XLSX media type",
            content = {@Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = BreakdownReport.class)),
                @Content(mediaType = ReportCsv.MEDIA_TYPE, schema = @Schema(type = "string")),
                @Content(mediaType = ReportXlsx.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary"))})
    public HttpResponse<?> breakdown(HttpRequest<?> http, @Nullable @QueryValue String officeId,
                                     @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                     @Nullable @QueryValue String period, @Nullable @QueryValue String by)
            throws SQLException {
        ReportRequest request = ReportRequest.parse(officeId, from, to, period, null);
        BreakdownReport report = service.breakdown(request, ReportRequest.parseBreakdown(by));
        if (Negotiation.wantsXlsx(http)) {
            return Negotiation.xlsx(ReportXlsx.breakdown(report), "breakdown", report.officeId(), report.from(),
                    report.to());
        }
        return wantsCsv(http) ? csv(ReportCsv.breakdown(report)) : HttpResponse.ok(report);
    }

    /** Sibling offices under {@code officeId} ranked by on-time, online or resolved rate. */
    @Get(uri = "/ranking", produces = {MediaType.APPLICATION_JSON, ReportXlsx.MEDIA_TYPE})
    public HttpResponse<?> ranking(HttpRequest<?> http, @Nullable @QueryValue String officeId,
                           @Nullable @QueryValue String from,
                           @Nullable @QueryValue String to, @Nullable @QueryValue String period,
                           @Nullable @QueryValue String by) throws SQLException {
        ReportRequest request = ReportRequest.parse(officeId, from, to, period, null);
        Ranking ranking = service.ranking(request, ReportRequest.parseMeasure(by));
        return Negotiation.wantsXlsx(http) ? Negotiation.xlsx(ReportXlsx.ranking(ranking), "ranking",
                ranking.officeId(), ranking.from(), ranking.to()) : HttpResponse.ok(ranking);
    }

    private static boolean wantsCsv(HttpRequest<?> http) {
        return http.accept().stream().anyMatch(m -> m.getName().equalsIgnoreCase(ReportCsv.MEDIA_TYPE))
                && http.accept().stream().noneMatch(m -> m.getName().equalsIgnoreCase(MediaType.APPLICATION_JSON));
    }

    private static HttpResponse<byte[]> csv(String body) {
        return HttpResponse.ok(body.getBytes(StandardCharsets.UTF_8)).contentType(CSV);
    }
}
