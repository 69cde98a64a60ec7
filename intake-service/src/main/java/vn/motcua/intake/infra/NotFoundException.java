package vn.motcua.intake.infra;

/** The addressed resource does not exist: 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String detail) {
        super(detail);
    }
}
