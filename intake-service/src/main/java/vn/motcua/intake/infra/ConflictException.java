package vn.motcua.intake.infra;

/** The dossier's state forbids the command (cancelled, already resolved...): 409 with the reason. */
public class ConflictException extends RuntimeException {
    /** The request field the state refuses (null: the whole request), named in the problem's errors. */
    private final String field;

    public ConflictException(String detail) {
        this(detail, null);
    }

    public ConflictException(String detail, String field) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
