package vn.motcua.workflow.petition;

/** No petition with this id: answered 404. */
public class PetitionNotFoundException extends RuntimeException {
    public PetitionNotFoundException(String petitionId) {
        super("petition " + petitionId + " is not known");
    }
}
