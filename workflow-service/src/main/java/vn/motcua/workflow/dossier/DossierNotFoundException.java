package vn.motcua.workflow.dossier;

/** The workflow has not (yet) seen this dossier: answered 404. */
public class DossierNotFoundException extends RuntimeException {
    public DossierNotFoundException(String dossierId) {
        super("dossier " + dossierId + " is not known to the workflow (not received, or not yet arrived)");
    }
}
