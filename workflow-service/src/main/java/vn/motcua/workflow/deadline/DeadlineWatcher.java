package vn.motcua.workflow.deadline;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.motcua.workflow.dossier.Commands.AnnounceDueSoon;
import vn.motcua.workflow.dossier.Commands.AnnounceOverdue;

/**
 * Persistent deadlines on PostgreSQL: every poll it asks the read model which open dossiers have passed their
 * due-soon instant or their statutory due date without the announcement, and sends the announcing command.
 *
 * <p>Why nothing is lost or doubled: the schedule is durable data ({@code dossier_view.due_soon_at/due_at}
 * with {@code *_done} flags written in the same transaction as the announcing event), so a dossier imported
 * already late, or one whose moment fell while the service was down, is simply found at the next poll; and the
 * dossier itself announces a due date only once, so a race between two pollers (or two instances) is harmless.
 */
public class DeadlineWatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DeadlineWatcher.class);
    private static final int BATCH = 500;

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final Clock clock;
    private final Duration interval;
    private final AtomicLong passes = new AtomicLong();
    private volatile ScheduledExecutorService executor;

    public DeadlineWatcher(JdbcTemplate jdbc, CommandGateway commands, Clock clock, Duration interval) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.clock = clock;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "deadline-watcher"));
        executor.scheduleWithFixedDelay(this::pollSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        log.info("deadline watcher started, polling every {}", interval);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdown();
            try {
                executor.awaitTermination(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = null;
            log.info("deadline watcher stopped");
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** How many polls have completed: lets a test wait for "one more full pass" without sleeping. */
    public long passes() {
        return passes.get();
    }

    private void pollSafely() {
        try {
            poll();
        } catch (RuntimeException | Error e) {
            // Never let the schedule die: an escaped throwable would silently cancel it.
            log.warn("deadline poll failed, retrying at the next one: {}", e.toString());
        }
    }

    /** One pass: due-soon announcements first, so a dossier found already late gets both in order. */
    public void poll() {
        Timestamp now = Timestamp.from(clock.instant());
        announce("""
                SELECT dossier_id, due_at FROM dossier_view
                WHERE NOT due_soon_done AND status IN ('RECEIVED', 'IN_PROCESS') AND due_soon_at <= ?
                ORDER BY due_soon_at LIMIT ?""", now, AnnounceDueSoon::new, "due_soon_done");
        announce("""
                SELECT dossier_id, due_at FROM dossier_view
                WHERE NOT overdue_done AND status IN ('RECEIVED', 'IN_PROCESS') AND due_at < ?
                ORDER BY due_at LIMIT ?""", now, AnnounceOverdue::new, "overdue_done");
        passes.incrementAndGet();
    }

    private record Pending(String dossierId, Timestamp dueAt) {
    }

    private void announce(String sql, Timestamp now, BiFunction<String, Instant, Object> command, String doneFlag) {
        List<Pending> pending = jdbc.query(sql, (rs, n) -> new Pending(rs.getString("dossier_id"),
                rs.getTimestamp("due_at")), now, BATCH);
        if (!pending.isEmpty()) {
            log.debug("announcing {} deadline(s)", pending.size());
        }
        for (Pending p : pending) {
            try {
                Boolean announced = commands.sendAndWait(command.apply(p.dossierId(), p.dueAt().toInstant()));
                if (!Boolean.TRUE.equals(announced)) {
                    // The dossier has nothing to announce for this due date: settle the schedule entry so it is
                    // not asked again (a changed due date no longer matches and stays pending).
                    jdbc.update("UPDATE dossier_view SET " + doneFlag + " = TRUE WHERE dossier_id = ? AND due_at = ?",
                            p.dossierId(), p.dueAt());
                }
            } catch (RuntimeException e) {
                log.warn("could not announce the deadline of {}: {}", p.dossierId(), e.toString());
            }
        }
    }
}
