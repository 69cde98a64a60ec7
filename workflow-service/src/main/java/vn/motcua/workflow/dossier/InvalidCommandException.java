package vn.motcua.workflow.dossier;

/** A command whose input breaks a rule about one field (answered 422 naming {@link #field()}). */
public class InvalidCommandException extends RuntimeException {
    private final String field;

    public InvalidCommandException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
