package vn.motcua.workflow.dossier;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Internal: the workflow's own record that it has the dossier. Not a contract event (intake already announced
 * the receipt), so it is never published; it keeps what later rules need, such as the processing time that a
 * supplement restarts.
 */
public record DossierOpened(String dossierId, String officeId, String procedureCode, BigDecimal processingDays,
                            Instant receivedAt, Instant dueAt) {
}
