package vn.motcua.intake.dossier;

import java.util.Optional;
import vn.motcua.access.FreeTextGuard;
import vn.motcua.intake.infra.Refusal;

/**
 * When a receipt made in error may be cancelled (contract 1.1 {@code POST .../cancellation}), pure. The reason is
 * published on {@code DossierCancelled}, so it must not carry an ID-card or phone number; a dossier is cancelled once,
 * and never after workflow reports it settled (resolved, returned or withdrawn).
 */
final class CancellationRules {
    private CancellationRules() {
    }

    /** The reason, checked before the dossier is read. */
    static Optional<Refusal> reason(String reason) {
        Optional<Refusal> required = CorrectionRules.reason(reason);
        if (required.isPresent()) {
            return required;
        }
        if (FreeTextGuard.containsPersonalNumber(reason)) {
            return Optional.of(Refusal.againstRule("reason",
                    "must not contain an ID-card or phone number (it is published)"));
        }
        return Optional.empty();
    }

    /** The dossier's state. */
    static Optional<Refusal> state(String dossierId, boolean cancelled, boolean settled) {
        if (cancelled) {
            return Optional.of(Refusal.stateForbids(null, "dossier " + dossierId + " is already cancelled"));
        }
        if (settled) {
            return Optional.of(Refusal.stateForbids(null,
                    "dossier " + dossierId + " is already resolved; it cannot be cancelled"));
        }
        return Optional.empty();
    }
}
