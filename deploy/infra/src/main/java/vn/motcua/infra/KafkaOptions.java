package vn.motcua.infra;

import java.nio.file.Path;

/**
 * How to start a {@link KafkaBroker}.
 *
 * @param dataDir log directory; {@code null} means a fresh temporary directory that is deleted on close.
 *                A given directory is formatted once and then reused, so topics and offsets survive restarts.
 * @param port    client (PLAINTEXT) port on 127.0.0.1; {@code 0} picks a free one.
 */
public record KafkaOptions(Path dataDir, int port) {

    public KafkaOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    /** Temporary directory, free port: what tests want. */
    public static KafkaOptions ephemeral() {
        return new KafkaOptions(null, 0);
    }
}
