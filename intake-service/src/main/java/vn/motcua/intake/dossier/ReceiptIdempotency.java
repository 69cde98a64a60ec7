package vn.motcua.intake.dossier;

import java.security.MessageDigest;
import java.util.Optional;
import vn.motcua.intake.dossier.DossierQueries.Claim;
import vn.motcua.intake.infra.Refusal;

/**
 * When a receipt repeats an earlier one (CONTRACT: the same {@code Idempotency-Key} of the same caller, or the same
 * {@code externalRef} at the office, answers the first dossier and creates nothing), pure. Finding the earlier claim
 * is {@link DossierQueries}'; what it means is decided here.
 */
final class ReceiptIdempotency {
    static final int MAX_KEY_LENGTH = 200;

    private ReceiptIdempotency() {
    }

    /** The header, when given, is 1 to 200 characters. */
    static Optional<Refusal> key(String idempotencyKey) {
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            return Optional.of(Refusal.malformed("Idempotency-Key", "must be 1 to " + MAX_KEY_LENGTH + " characters"));
        }
        return Optional.empty();
    }

    /** A blank reference is no reference (it would make every blank-reference receipt of an office one dossier). */
    static String externalRef(String externalRef) {
        return externalRef == null || externalRef.isBlank() ? null : externalRef;
    }

    /**
     * A receipt with a key or a reference may repeat an earlier one: it is claimed, and a retry answers its first
     * dossier even if the catalogue changed since. One with neither is always new.
     */
    static boolean mayRepeat(String idempotencyKey, String externalRef) {
        return idempotencyKey != null || externalRef != null;
    }

    /**
     * A key is its caller's: the same caller's key with ANOTHER request body (by fingerprint) is a client bug, not a
     * repeat: 422 naming the header, never somebody else's dossier. Unknown fingerprints (a bulk line, a receipt
     * recorded before fingerprints) are taken as the same request.
     */
    static Optional<Refusal> reuse(Claim earlier, String caller, String idempotencyKey, byte[] requestHash) {
        if (earlier.byKey(caller, idempotencyKey) && requestHash != null && earlier.requestHash() != null
                && !MessageDigest.isEqual(earlier.requestHash(), requestHash)) {
            return Optional.of(Refusal.againstRule("Idempotency-Key",
                    "was already used for a different request; use a new key for a new request"));
        }
        return Optional.empty();
    }
}
