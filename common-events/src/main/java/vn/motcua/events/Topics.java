package vn.motcua.events;

/** The Kafka topics of the public contract (CONTRACT.md). */
public final class Topics {
    /** Offices and procedures, full state each time; keyed by office id or procedure code. */
    public static final String CATALOGUE = "motcua.catalogue.v1";
    /** Receipts, keyed by dossier id. */
    public static final String DOSSIER_INTAKE = "motcua.dossier.intake.v1";
    /** Everything after receipt, keyed by dossier id. */
    public static final String DOSSIER_WORKFLOW = "motcua.dossier.workflow.v1";

    /** Petitions (phản ánh, kiến nghị) about offices, keyed by petition id. */
    public static final String PETITION = "motcua.petition.v1";

    private Topics() {
    }
}
