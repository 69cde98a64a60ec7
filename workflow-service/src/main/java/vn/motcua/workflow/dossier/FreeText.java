package vn.motcua.workflow.dossier;

import vn.motcua.access.FreeTextGuard;

/**
 * Free text that goes on a topic ({@code reason}, {@code note}, {@code responsibleUnit}) must not carry an
 * applicant's ID-card or phone number (Decree 13/2023): refused with a 422 naming the field, before any command.
 */
final class FreeText {
    private FreeText() {
    }

    static void require(String field, String text) {
        if (FreeTextGuard.containsPersonalNumber(text)) {
            throw new InvalidCommandException(field,
                    "must not contain an ID-card or phone number: it is published to other services");
        }
    }
}
