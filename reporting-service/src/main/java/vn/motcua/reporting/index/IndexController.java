package vn.motcua.reporting.index;

import io.micronaut.core.annotation.Nullable;
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
import vn.motcua.reporting.report.ReportRequest;
import vn.motcua.reporting.web.ContractErrors;

/** The Decision 766 service-quality index (CONTRACT.md 1.1 "Reporting"); analysts, office in scope. */
@Controller("/api/v1/reports/service-index")
@ContractErrors
@ExecuteOn(TaskExecutors.BLOCKING)
public class IndexController {
    private final IndexService service;

    public IndexController(IndexService service) {
        this.service = service;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "200", description = "the index of the office (or its subtree) over the period",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ServiceIndex.class)))
    public ServiceIndex index(@Nullable @QueryValue String officeId, @Nullable @QueryValue String from,
                              @Nullable @QueryValue String to, @Nullable @QueryValue String period,
                              @Nullable @QueryValue String scope) throws SQLException {
        return service.index(ReportRequest.parse(officeId, from, to, period, scope));
    }

    @Get(uri = "/ranking", produces = MediaType.APPLICATION_JSON)
    @ApiResponse(responseCode = "200", description = "the office's children ranked by index total",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = IndexRanking.class)))
    public IndexRanking ranking(@Nullable @QueryValue String officeId, @Nullable @QueryValue String from,
                                @Nullable @QueryValue String to, @Nullable @QueryValue String period)
            throws SQLException {
        return service.ranking(ReportRequest.parse(officeId, from, to, period, null));
    }
}
