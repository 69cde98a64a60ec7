package vn.motcua.events;

/**
 * An event about a petition (phản ánh, kiến nghị) about an office, on {@link Topics#PETITION}, keyed by petition id.
 * No petitioner identity ever appears.
 */
public sealed interface PetitionEvent extends MotcuaEvent permits PetitionReceived, PetitionAnswered, PetitionRated {
    String petitionId();

    String officeId();

    @Override
    default String subject() {
        return petitionId();
    }
}
