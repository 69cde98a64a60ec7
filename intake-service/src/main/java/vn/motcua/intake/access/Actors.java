package vn.motcua.intake.access;

import org.axonframework.messaging.MetaData;

/** Who did it: the caller's {@code sub}, kept as the "actor" metadata of every event intake records. */
public final class Actors {
    /** The metadata key; the actor's id may travel on, applicant data never does. */
    public static final String METADATA_KEY = "actor";

    private Actors() {
    }

    public static MetaData metaData(String subject) {
        return subject == null ? MetaData.emptyInstance() : MetaData.with(METADATA_KEY, subject);
    }
}
