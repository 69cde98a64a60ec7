package vn.motcua.workflow.web;

/** A query or path parameter that cannot be used (answered 400 naming it). */
public class InvalidParameterException extends RuntimeException {
    private final String field;

    public InvalidParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
