package vn.motcua.workflow.dossier;

import java.time.Instant;

/**
 * Internal: intake cancelled the receipt (DossierCancelled, a receipt made in error). The dossier leaves every
 * worklist, its deadlines are dropped and it takes no further command. Not the contract record itself, so the
 * publisher never echoes intake's event onto a topic.
 */
public record ReceiptCancelled(String dossierId, String officeId, String reason, Instant cancelledAt) {
}
