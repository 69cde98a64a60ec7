package vn.motcua.intake.dossier;

/**
 * One paper of the dossier and how many copies were handed in; {@code digitised}: scanned into the record at the
 * desk, {@code reused}: taken from an earlier dossier or a national database instead of asked again (Decision 766).
 */
public record SubmittedDocument(String name, int copies, boolean digitised, boolean reused) {
    public SubmittedDocument(String name, int copies) {
        this(name, copies, false, false);
    }
}
