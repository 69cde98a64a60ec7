package vn.motcua.intake.infra;

/** The dossier's state forbids the command (cancelled, already resolved...): 409 with the reason. */
public class ConflictException extends RuntimeException {
    public ConflictException(String detail) {
        super(detail);
    }
}
