package vn.motcua.reporting.rebuild;

import java.time.Duration;

/** Stopping the rebuild's own threads the same way: wait a while, never forever. */
final class Workers {
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private Workers() {
    }

    /** Waits for {@code thread} (if any) to finish its current batch and end. */
    static void awaitEnd(Thread thread) {
        if (thread == null) {
            return;
        }
        try {
            thread.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
