package vn.motcua.workflow.search;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Folds {@code dossier_count}'s deltas (one row per dossier entering or leaving an office/status, written by the
 * triggers of migration V8_14) into one row per (office, status), so a total reads O(offices x statuses) rows.
 * Folding never changes a sum, so it needs no coordination with the writers; between two folds a total reads the
 * few deltas written since. One instance folds at a time (a transaction-scoped advisory lock; the others skip).
 */
@Component
public class DossierCounts implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DossierCounts.class);
    /** pg advisory lock key of the fold: "dossier_count" in no particular encoding, just unique in this database. */
    private static final long FOLD_LOCK = 0x646f7373_636f756eL;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final long periodMillis;
    private volatile ScheduledThreadPoolExecutor scheduler;

    public DossierCounts(JdbcTemplate jdbc, TransactionTemplate tx,
                         @Value("${motcua.dossier-count.fold-period:2s}") java.time.Duration period) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.periodMillis = Math.max(100, period.toMillis());
    }

    /** Folds the deltas written so far; returns the rows removed (0 when another instance is folding). */
    public int fold() {
        Integer removed = tx.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class,
                    FOLD_LOCK))) {
                return 0;
            }
            // Only the (office, status) pairs with more than one row, or a zero sum, are rewritten: an idle table
            // is left alone (no dead rows for autovacuum to clear).
            return jdbc.queryForObject("""
                    WITH loose AS (SELECT office_id, status FROM dossier_count GROUP BY office_id, status
                                   HAVING count(*) > 1 OR sum(n) = 0),
                         gone AS (DELETE FROM dossier_count c USING loose l
                                  WHERE c.office_id = l.office_id AND c.status = l.status
                                  RETURNING c.office_id, c.status, c.n),
                         folded AS (INSERT INTO dossier_count (office_id, status, n)
                                    SELECT office_id, status, sum(n) FROM gone GROUP BY office_id, status
                                    HAVING sum(n) <> 0 RETURNING 1)
                    SELECT (SELECT count(*) FROM gone) - (SELECT count(*) FROM folded)""", Integer.class);
        });
        return removed == null ? 0 : removed;
    }

    /** Recounts every (office, status) from {@code dossier_view} (after a bulk load with the triggers disabled). */
    public void rebuild() {
        tx.executeWithoutResult(status -> jdbc.execute("SELECT dossier_count_rebuild()"));
    }

    @Override
    public void start() {
        ScheduledThreadPoolExecutor folder = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "dossier-count-fold");
            t.setDaemon(true);
            return t;
        });
        folder.scheduleWithFixedDelay(this::foldQuietly, 0, periodMillis, TimeUnit.MILLISECONDS);
        scheduler = folder;
    }

    private void foldQuietly() {
        try {
            fold();
        } catch (RuntimeException e) {
            // An outage or a shutdown: totals stay exact from the deltas; the next fold catches up.
            log.warn("dossier_count fold failed: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledThreadPoolExecutor folder = scheduler;
        scheduler = null;
        if (folder != null) {
            folder.shutdownNow();
            try {
                folder.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
