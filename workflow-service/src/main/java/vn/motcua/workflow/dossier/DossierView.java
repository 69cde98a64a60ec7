package vn.motcua.workflow.dossier;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What {@code GET /api/v1/dossiers/{id}} and every command answer: the dossier's state and its history. From
 * contract 1.1: the receipt's {@code code}, {@code field}, {@code channel}, {@code fee}, {@code onlinePayment} and
 * {@code revision} (as intake last corrected it), what was paid ({@code paidAmount}, {@code paidOnline}),
 * {@code electronicResult}, the applicant's {@code rating}, and {@code cancelledAt} for a cancelled receipt.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DossierView(String dossierId, String officeId, String procedureCode, DossierStatus status,
                          Instant receivedAt, Instant dueAt, Instant rescheduledDueAt, String currentUnit,
                          String outcome, String timeliness, Instant resolvedAt, int supplementRequests,
                          int apologyLetters, String code, String field, String channel, Long fee,
                          Boolean onlinePayment, int revision, long paidAmount, boolean paidOnline,
                          Boolean electronicResult, String rating, Instant cancelledAt, List<HistoryLine> history) {

    /**
     * One step: its kind (RECEIVED, TRANSFERRED, ...), when it happened, what it said, and who did it ({@code by}:
     * the access token's {@code sub}; null for what the service did on its own: receipt from intake, deadlines,
     * the apology letter a late resolution adds).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HistoryLine(String kind, Instant at, Map<String, Object> details,
                              @JsonInclude(JsonInclude.Include.ALWAYS) String by) {
    }
}
