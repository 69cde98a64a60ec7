package vn.motcua.workflow.dossier;

import java.util.Collections;
import org.axonframework.messaging.MetaData;

/** Who did a step: the access token's {@code sub}, carried as event metadata {@value #KEY}. */
public final class Actor {
    public static final String KEY = vn.motcua.access.Actors.METADATA_KEY;

    /**
     * For an event the service raises on its own inside an officer's command (the apology letter a late
     * resolution adds): explicit metadata wins over what the event would inherit from the command.
     */
    static final MetaData SERVICE = MetaData.from(Collections.singletonMap(KEY, null));

    private Actor() {
    }
}
