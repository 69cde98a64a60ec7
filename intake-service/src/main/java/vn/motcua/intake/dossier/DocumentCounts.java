package vn.motcua.intake.dossier;

import java.util.List;

/**
 * What {@code DossierReceived} says of a dossier's papers (contract 1.1; Decision 766 MDSH.2 and MDSH.3): how many,
 * how many digitised at the desk, how many reused. The papers themselves (names) never leave intake.
 */
record DocumentCounts(int documents, int digitised, int reused) {
    static DocumentCounts of(List<SubmittedDocument> documents) {
        if (documents == null) {
            return new DocumentCounts(0, 0, 0);
        }
        int digitised = 0;
        int reused = 0;
        for (SubmittedDocument d : documents) {
            digitised += d.digitised() ? 1 : 0;
            reused += d.reused() ? 1 : 0;
        }
        return new DocumentCounts(documents.size(), digitised, reused);
    }
}
