package vn.motcua.oidc.identity;

import java.nio.file.Path;

/** The identities file cannot be used; the message names the file and the entry, never a secret. */
public final class InvalidIdentitiesException extends RuntimeException {
    private final Path file;

    public InvalidIdentitiesException(Path file, String problem) {
        super("identities file " + file + ": " + problem);
        this.file = file;
    }

    public InvalidIdentitiesException(Path file, String problem, Throwable cause) {
        super("identities file " + file + ": " + problem, cause);
        this.file = file;
    }

    public Path file() {
        return file;
    }
}
