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
import java.sql.SQLException;
import vn.motcua.reporting.web.ContractErrors;

/** Contract 1.1: the report over time (series) and the dossiers behind a figure (items). */
@Controller("/api/v1/reports/dossiers")
@ContractErrors
@ExecuteOn(TaskExecutors.BLOCKING)
public class DrillController {
    private final DrillService service;

    public DrillController(DrillService service) {
        this.service = service;
    }

    @Get(uri = "/series", produces = {MediaType.APPLICATION_JSON, ReportXlsx.MEDIA_TYPE})
    @ApiResponse(responseCode = "200", description = "one report per day, week or month of the period (XLSX with "
            + "Accept: " + ReportXlsx.MEDIA_TYPE + ")", content = {@Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SeriesReport.class)),
            @Content(mediaType = ReportXlsx.MEDIA_TYPE, schema = @Schema(type = "string", format = "binary"))})
    public HttpResponse<?> series(HttpRequest<?> http, @Nullable @QueryValue String officeId,
                                  @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                  @Nullable @QueryValue String period, @Nullable @QueryValue String scope,
                                  @Nullable @QueryValue String interval) throws SQLException {
        SeriesReport series = service.series(ReportRequest.parse(officeId, from, to, period, scope), interval);
        return Negotiation.wantsXlsx(http)
                ? Negotiation.xlsx(ReportXlsx.series(series), "series", series.officeId(), series.from(), series.to())
                : HttpResponse.ok(series);
    }

    @Get(uri = "/items", produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "200", description = "a page of the dossiers a figure counts; total = the figure",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = DossierItems.class)))
    public DossierItems items(@Nullable @QueryValue String officeId, @Nullable @QueryValue String from,
                              @Nullable @QueryValue String to, @Nullable @QueryValue String period,
                              @Nullable @QueryValue String scope, @Nullable @QueryValue String figure,
                              @Nullable @QueryValue String page, @Nullable @QueryValue String size)
            throws SQLException {
        return service.items(ReportRequest.parse(officeId, from, to, period, scope), figure, page, size);
    }
}
