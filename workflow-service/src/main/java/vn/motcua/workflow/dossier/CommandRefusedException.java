package vn.motcua.workflow.dossier;

/** The dossier's state forbids the command (answered 409 with this message as the reason). */
public class CommandRefusedException extends RuntimeException {
    public CommandRefusedException(String reason) {
        super(reason);
    }
}
