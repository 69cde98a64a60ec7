package vn.motcua.workflow.dossier;

/** Where a dossier stands (CONTRACT.md, workflow service). */
public enum DossierStatus {
    RECEIVED, IN_PROCESS, AWAITING_SUPPLEMENT, RESOLVED, RETURNED, WITHDRAWN,
    /** Intake cancelled the receipt (made in error): in no figure or worklist, and no command applies. */
    CANCELLED;

    /** Not yet decided and not withdrawn: the dossier is still being handled. */
    public boolean isOpen() {
        return this == RECEIVED || this == IN_PROCESS || this == AWAITING_SUPPLEMENT;
    }
}
