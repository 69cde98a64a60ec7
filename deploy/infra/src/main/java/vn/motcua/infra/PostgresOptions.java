package vn.motcua.infra;

import java.nio.file.Path;

/**
 * How to start a {@link PostgresServer}.
 *
 * @param dataDir data directory; {@code null} means a fresh temporary directory that is deleted on close.
 *                A given directory is kept as is between runs (initdb only runs when it is empty).
 * @param port    TCP port on 127.0.0.1; {@code 0} picks a free one.
 * @param durable {@code true} runs with fsync=on and synchronous_commit=on (the local stack);
 *                {@code false} turns both off, which is much faster and fine for tests.
 */
public record PostgresOptions(Path dataDir, int port, boolean durable) {

    public PostgresOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Temporary, non-durable, free port: what tests want. */
    public static PostgresOptions ephemeral() {
        return new PostgresOptions(null, 0, false);
    }
}
