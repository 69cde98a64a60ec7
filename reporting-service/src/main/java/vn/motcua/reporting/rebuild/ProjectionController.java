package vn.motcua.reporting.rebuild;

import vn.motcua.access.ProblemType;
import vn.motcua.reporting.projection.ProjectionMetrics;
import vn.motcua.reporting.projection.Projector;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import vn.motcua.reporting.web.ProblemException;

/** Operations on the projections: status (lag, counts, rebuild progress) and starting a rebuild. */
@Controller("/api/v1/projections")
public class ProjectionController {
    private final ProjectionRebuild rebuild;
    private final ProjectionMetrics metrics;
    private final Projector projector;

    public ProjectionController(ProjectionRebuild rebuild, ProjectionMetrics metrics,
                                @Nullable Projector projector) {
        this.rebuild = rebuild;
        this.metrics = metrics;
        this.projector = projector;
    }

    @Serdeable
    public record Status(boolean projectorRunning, long eventsApplied, long duplicatesSkipped, long lag,
                         RebuildStatus rebuild) {
    }

    @Get("/status")
    public Status status() {
        return new Status(projector != null && projector.ready(), (long) metrics.appliedTotal(),
                (long) metrics.duplicatesTotal(), projector == null ? 0 : Math.max(0, projector.status().lag()),
                rebuild.status());
    }

    /** 202 with the rebuild's status; 409 if one is already running. Reports keep serving meanwhile. */
    @Post("/rebuild")
    public HttpResponse<RebuildStatus> startRebuild() {
        if (!rebuild.start()) {
            throw new ProblemException(ProblemType.REBUILD_RUNNING, "A rebuild is in progress; follow it at /api/v1/projections/status",
                    List.of());
        }
        return HttpResponse.accepted().body(rebuild.status());
    }
}
