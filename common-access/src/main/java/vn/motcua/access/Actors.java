package vn.motcua.access;

/**
 * Who did a step: the access token's {@code sub}. Every event a caller causes records it under this metadata key
 * (workflow shows it as {@code by} on history lines). The actor's id may travel on; applicant data never does.
 */
public final class Actors {
    public static final String METADATA_KEY = "by";

    private Actors() {
    }
}
