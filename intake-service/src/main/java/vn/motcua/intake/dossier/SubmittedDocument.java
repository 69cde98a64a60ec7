package vn.motcua.intake.dossier;

/** One paper of the dossier and how many copies were handed in. */
public record SubmittedDocument(String name, int copies) {
}
