package vn.motcua.reporting.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/** The answer of {@code GET /api/v1/reports/dossiers/items}: one page of the dossiers behind a figure. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS) // an empty page still has its (empty) items
public record DossierItems(String officeId, String from, String to, String scope, String figure,
                           List<Item> items, int page, int size, long total) {

    /** A dossier as it stood at the period's end; {@code status} is RESOLVED, WITHDRAWN, AWAITING_SUPPLEMENT,
     *  OVERDUE or IN_PROGRESS. No applicant data: reporting holds none. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(String dossierId, String code, String officeId, String procedureCode, String channel,
                       String receivedAt, String dueAt, String resolvedAt, String timeliness, String status) {
    }
}
