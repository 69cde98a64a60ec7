package vn.motcua.intake.infra;

/** The request body exceeds the accepted size: 413. */
public class PayloadTooLargeException extends RuntimeException {
    public PayloadTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}
