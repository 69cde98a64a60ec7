package vn.motcua.workflow.deadline;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.motcua.workflow.dossier.Commands.AnnounceDueSoon;
import vn.motcua.workflow.dossier.Commands.AnnounceOverdue;
import vn.motcua.workflow.infra.CommandBatch;
import vn.motcua.workflow.infra.PrefetchingStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

/**
 * Persistent deadlines on PostgreSQL: each pass asks the read model which open dossiers have passed their
 * due-soon instant or their statutory due date without the announcement, and sends the announcing commands.
 *
 * <p>Why nothing is lost or doubled: the schedule is durable data ({@code dossier_view.due_soon_at/due_at}
 * with {@code *_done} flags written in the same transaction as the announcing event), so a dossier imported
 * already late, or one whose moment fell while the service was down, is simply found at the next pass; and the
 * dossier itself announces a due date only once, so a race between two passes (or two instances) is harmless.
 *
 * <p>When: after a pass the watcher sleeps until the next pending instant (one index probe), but never longer
 * than the poll interval, which bounds how late it notices a deadline written in the meantime (a new dossier
 * due soon, another instance's work). A full batch is followed by another pass at once.
 *
 * <p>How: up to {@value #WORKERS} sender threads each claim and announce chunks of due entries directly, without
 * the command path ({@link DeadlineAnnouncer}: at most {@value #CHUNK} of each kind per transaction, rows locked
 * {@code FOR UPDATE SKIP LOCKED} so workers and instances share a burst without waiting), until nothing is due.
 * The few dossiers left to the aggregate (a supplement or a corrected receipt) are never claimed by a chunk: the
 * pass's own thread sends their commands afterwards, holding no row. A chunk that fails (a concurrent write to one of its dossiers: the event store's unique
 * key) wrote nothing and is claimed again; if it fails twice in a row its dossiers go through the command path
 * in groups of at most {@value #GROUP}, each group in ONE transaction ({@link CommandBatch}), a failed group one
 * by one, each retried on a conflict, so one dossier cannot cost the others their announcements.
 *
 * <p>Over 300 lines on purpose: scheduling a pass, claiming its entries and settling them share one invariant (the done
 * flag written in the announcing transaction), kept readable in one class.
 */
public class DeadlineWatcher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(DeadlineWatcher.class);
    /** Most entries of each kind (due soon, overdue) a direct chunk claims: one transaction, one JDBC batch each. */
    static final int CHUNK = 500;
    /** Most sender threads announcing directly at once (more only queue on the 2 cores' database). */
    static final int WORKERS = 4;
    /** Most dossiers announced through the command path in one transaction. */
    static final int GROUP = 100;
    /** After a failed chunk: how soon to look again. */
    private static final Duration RETRY = Duration.ofMillis(200);
    private static final String OPEN = "status IN ('RECEIVED', 'IN_PROCESS')";
    /** PostgreSQL keeps microseconds: wake a hair after the instant so "has passed" already holds. */
    private static final Duration WAKE_MARGIN = Duration.ofMillis(1);

    private final JdbcTemplate jdbc;
    private final DeadlineAnnouncer announcer;
    private final CommandGateway commands;
    private final CommandBatch batch;
    private final EventStorageEngine storageEngine;
    private final Clock clock;
    private final Duration interval;
    private final int parallelism;
    private final AtomicLong passes = new AtomicLong();
    /** Chunks failed in a row (across passes): the second sends its dossiers through the commands. */
    private final AtomicInteger failuresInARow = new AtomicInteger();
    private volatile ScheduledExecutorService scheduler;
    private volatile ExecutorService senders;

    public DeadlineWatcher(JdbcTemplate jdbc, DeadlineAnnouncer announcer, CommandGateway commands,
                           CommandBatch batch, EventStorageEngine storageEngine, Clock clock, Duration interval,
                           int parallelism) {
        this.jdbc = jdbc;
        this.announcer = announcer;
        this.commands = commands;
        this.batch = batch;
        this.storageEngine = storageEngine;
        this.clock = clock;
        this.interval = interval;
        this.parallelism = Math.max(1, parallelism);
    }

    @Override
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        AtomicInteger threads = new AtomicInteger();
        senders = Executors.newFixedThreadPool(parallelism,
                r -> new Thread(r, "deadline-sender-" + threads.incrementAndGet()));
        ScheduledThreadPoolExecutor watcher = new ScheduledThreadPoolExecutor(1, r -> new Thread(r, "deadline-watcher"));
        watcher.setExecuteExistingDelayedTasksAfterShutdownPolicy(false); // stop() cancels the next pass
        scheduler = watcher;
        watcher.execute(this::passAndReschedule);
        log.info("deadline watcher started: at most {} between passes, {} sender(s)", interval, parallelism);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            senders.shutdown();
            try {
                scheduler.awaitTermination(15, TimeUnit.SECONDS);
                senders.awaitTermination(15, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            scheduler = null;
            senders = null;
            log.info("deadline watcher stopped");
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** How many passes have completed: lets a test wait for "one more full pass" without sleeping. */
    public long passes() {
        return passes.get();
    }

    private void passAndReschedule() {
        ScheduledExecutorService current = scheduler;
        Duration delay = interval;
        try {
            delay = poll();
        } catch (RuntimeException | Error e) {
            // Never let the schedule die: an escaped throwable would silently end it.
            log.warn("deadline pass failed, retrying at the next one: {}", e.toString());
        }
        if (current != null && !current.isShutdown()) {
            current.schedule(this::passAndReschedule, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /**
     * One pass: every due-soon and overdue entry that has passed, announced by up to {@value #WORKERS} sender
     * threads at once, each claiming chunks until none is left. A dossier found with both (imported late, or the
     * service was down) gets them in order, in one chunk.
     *
     * @return how long to wait before the next pass
     */
    public Duration poll() {
        Instant now = clock.instant();
        ExecutorService pool = senders;
        boolean soon = false;
        if (pool != null) {
            List<Future<Boolean>> workers = new ArrayList<>();
            for (int i = 0; i < Math.min(WORKERS, parallelism); i++) {
                workers.add(pool.submit(() -> drain(now)));
            }
            for (Future<Boolean> worker : workers) {
                try {
                    soon |= worker.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (ExecutionException e) {
                    soon = true;
                    log.warn("deadline announcements failed: {}", e.getCause().toString());
                }
            }
        }
        try {
            // One thread a pass, no row held: two instances racing here are harmless (the aggregate announces once).
            List<DeadlineAnnouncer.Due> left = announcer.leftToAggregate(now, GROUP * 5);
            viaCommands(left);
            soon |= left.size() == GROUP * 5;
        } catch (RuntimeException e) {
            soon = true;
            log.warn("deadline announcements through the commands failed: {}", e.toString());
        }
        passes.incrementAndGet();
        Duration next = untilNextPending();
        return soon && RETRY.compareTo(next) < 0 ? RETRY : next;
    }

    /**
     * Claims and announces chunks due at {@code now} until a chunk is not full, or a full one appended nothing
     * itself (all left to the commands: the next pass, soon, sees what they did; no hot loop on rows the
     * commands cannot settle).
     *
     * @return true if the next pass should come soon (a failure, or entries may be left)
     */
    private boolean drain(Instant now) {
        while (senders != null) {
            DeadlineAnnouncer.Chunk chunk;
            try {
                chunk = announcer.announce(now, CHUNK);
                failuresInARow.set(0);
            } catch (DeadlineAnnouncer.ChunkFailedException e) {
                if (e.claimed().isEmpty()) {
                    log.warn("could not claim due deadlines: {}", e.getMessage());
                    return true;
                }
                if (failuresInARow.incrementAndGet() < 2) {
                    // Not at once: the writer it raced (an officer's command) gets its retries first.
                    log.debug("a deadline chunk raced with another writer, claiming again soon: {}", e.getMessage());
                    return true;
                }
                failuresInARow.set(0);
                log.info("could not announce {} dossier(s)' deadlines directly twice, through the commands: {}",
                        e.claimed().size(), e.getMessage());
                viaCommands(e.claimed());
                return true;
            }
            if (!chunk.full()) {
                return false;
            }
            if (chunk.appended() == 0) {
                return true;
            }
        }
        return false;
    }

    /** The command path for claimed rows (each dossier's announcements in order, in groups). */
    private void viaCommands(List<DeadlineAnnouncer.Due> due) {
        List<Announcement> all = new ArrayList<>();
        for (DeadlineAnnouncer.Due d : due) {
            Pending p = new Pending(d.dossierId(), d.dueAt());
            if (d.dueSoon()) {
                all.add(new Announcement(p, AnnounceDueSoon::new, "due_soon_done"));
            }
            if (d.overdue()) {
                all.add(new Announcement(p, AnnounceOverdue::new, "overdue_done"));
            }
        }
        for (int from = 0; from < all.size(); from += GROUP) {
            announceGroup(all.subList(from, Math.min(all.size(), from + GROUP)));
        }
    }

    /** Time until the earliest future deadline (two probes of the partial indexes), capped at the interval. */
    Duration untilNextPending() {
        Instant now = clock.instant();
        Timestamp next = jdbc.queryForObject("SELECT LEAST("
                + "(SELECT min(due_soon_at) FROM dossier_view WHERE NOT due_soon_done AND " + OPEN
                + " AND due_soon_at > ?), "
                + "(SELECT min(due_at) FROM dossier_view WHERE NOT overdue_done AND " + OPEN + " AND due_at >= ?))",
                Timestamp.class, Timestamp.from(now), Timestamp.from(now));
        if (next == null) {
            return interval;
        }
        Duration untilNext = Duration.between(now, next.toInstant()).plus(WAKE_MARGIN);
        return untilNext.isNegative() ? Duration.ZERO : untilNext.compareTo(interval) < 0 ? untilNext : interval;
    }

    private record Pending(String dossierId, Timestamp dueAt) {
    }

    private record Announcement(Pending pending, BiFunction<String, Instant, Object> command, String doneFlag) {
    }

    /**
     * One transaction for the whole group, its dossiers loaded with one query (the storage engine's prefetch);
     * if it fails, nothing was written: one by one instead.
     */
    private void announceGroup(List<Announcement> group) {
        if (group.size() > 1) {
            try {
                batch.inTransaction(sender -> {
                    if (storageEngine instanceof PrefetchingStorageEngine prefetching) {
                        prefetching.prefetch(group.stream().map(a -> a.pending().dossierId()).distinct().toList());
                    }
                    List<Announcement> nothingToDo = new ArrayList<>();
                    for (Announcement a : group) {
                        Object announced = sender.send(a.command().apply(a.pending().dossierId(),
                                a.pending().dueAt().toInstant()));
                        if (!Boolean.TRUE.equals(announced)) {
                            nothingToDo.add(a);
                        }
                    }
                    settleAll(nothingToDo); // same transaction
                    return null;
                });
                return;
            } catch (RuntimeException e) {
                log.info("could not announce {} deadline(s) in one transaction, going one by one: {}", group.size(),
                        e.toString());
            }
        }
        group.forEach(a -> announceOne(a.pending(), a.command(), a.doneFlag()));
    }

    private void settleAll(List<Announcement> announcements) {
        for (String flag : List.of("due_soon_done", "overdue_done")) {
            List<Pending> settled = announcements.stream().filter(a -> a.doneFlag().equals(flag))
                    .map(Announcement::pending).toList();
            if (!settled.isEmpty()) {
                jdbc.batchUpdate("UPDATE dossier_view SET " + flag + " = TRUE WHERE dossier_id = ? AND due_at = ?",
                        settled, settled.size(), (ps, p) -> {
                            ps.setString(1, p.dossierId());
                            ps.setTimestamp(2, p.dueAt());
                        });
            }
        }
    }

    private void announceOne(Pending p, BiFunction<String, Instant, Object> command, String doneFlag) {
        try {
            Boolean announced = commands.sendAndWait(command.apply(p.dossierId(), p.dueAt().toInstant()));
            if (!Boolean.TRUE.equals(announced)) {
                settle(p, doneFlag);
            }
        } catch (ConcurrencyException e) {
            // Another instance (or an officer's command) wrote the dossier first; the next pass sees the outcome.
            log.debug("deadline of {} raced with another writer: {}", p.dossierId(), e.toString());
        } catch (RuntimeException e) {
            log.warn("could not announce the deadline of {}: {}", p.dossierId(), e.toString());
        }
    }

    /**
     * The dossier has nothing to announce for this due date: settle the schedule entry so it is not asked again
     * (a changed due date no longer matches and stays pending).
     */
    private void settle(Pending p, String doneFlag) {
        jdbc.update("UPDATE dossier_view SET " + doneFlag + " = TRUE WHERE dossier_id = ? AND due_at = ?",
                p.dossierId(), p.dueAt());
    }
}
