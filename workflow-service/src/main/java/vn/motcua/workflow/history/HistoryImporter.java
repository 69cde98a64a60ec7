package vn.motcua.workflow.history;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.Repository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.support.TransactionTemplate;
import vn.motcua.access.Caller;
import vn.motcua.spring.security.OfficeAccess;
import vn.motcua.workflow.dossier.CommandRefusedException;
import vn.motcua.workflow.dossier.Dossier;
import vn.motcua.workflow.dossier.InvalidCommandException;
import vn.motcua.workflow.infra.PrefetchingStorageEngine;

/**
 * The history import (contract 1.1): NDJSON read line by line from the request's stream (never the whole body),
 * lines gathered into groups of {@code groupLines}, each group run in ONE transaction on one of
 * {@code parallelism} threads: the dossiers named by the group are looked up in two queries, then every step is
 * sent to the aggregate as the HTTP command would be (same rules, real times), the events appended and projected
 * together, and the group's past due-soon instants settled, all in one commit. A line is all or nothing: a step
 * the dossier refuses rejects its line (the group is run again without it); any other failure of a group (two
 * groups writing one dossier at once) reruns its lines one per transaction.
 *
 * <p>Announcements: the import itself announces nothing. A due-soon instant that had passed before the import
 * began is marked done in the group's transaction (so the watcher never sees it pending); an open dossier left
 * past its statutory due date keeps its overdue entry pending, and the watcher announces it once (the dossier
 * announces a due date once).
 *
 * <p>Lines of one dossier are applied in order within a group; across groups (run in parallel) they are not
 * ordered: send one line per dossier, or import with {@code parallelism} 1.
 *
 * <p>Over 300 lines on purpose: grouping, the group-then-alone retry and the one-transaction run are one algorithm
 * whose all-or-nothing promise per line is checked in one place; parsing lives in {@link HistoryLineParser}.
 */
public class HistoryImporter {
    private static final Logger log = LoggerFactory.getLogger(HistoryImporter.class);
    /** Steps a group may see refused before its lines go one per transaction instead. */
    private static final int MAX_REFUSALS_PER_GROUP = 5;
    /** The longest line read (the body itself is streamed, unbounded): 200 steps of long free text fit. */
    static final int MAX_LINE_CHARS = 1_000_000;

    private final HistoryLineParser parser;
    private final JdbcTemplate jdbc;
    private final CommandBus commandBus;
    private final TransactionManager axonTransactions;
    private final TransactionTemplate transactions;
    private final OfficeAccess access;
    private final Clock clock;
    private final Settings settings;
    private final Supplier<EventStorageEngine> storageEngine;
    private final Supplier<Repository<Dossier>> dossiers;

    /** {@code groupLines} per transaction, {@code parallelism} threads, progress every {@code progressEvery} lines. */
    public record Settings(int groupLines, int parallelism, int progressEvery, int maxErrors) {
    }

    public HistoryImporter(HistoryLineParser parser, JdbcTemplate jdbc, CommandBus commandBus,
                           TransactionManager axonTransactions, TransactionTemplate transactions, OfficeAccess access,
                           Clock clock, Settings settings, Supplier<EventStorageEngine> storageEngine,
                           Supplier<Repository<Dossier>> dossiers) {
        this.parser = parser;
        this.jdbc = jdbc;
        this.commandBus = commandBus;
        this.axonTransactions = axonTransactions;
        this.transactions = transactions;
        this.access = access;
        this.clock = clock;
        this.settings = settings;
        this.storageEngine = storageEngine;
        this.dossiers = dossiers;
    }

    /** A line resolved to its dossier. */
    private record Target(HistoryLine line, String dossierId) {
    }

    /** A step the dossier refused: which command of the transaction, and why. */
    private static final class StepRefused extends RuntimeException {
        /** The command's index in the transaction, and its step's index in its line. */
        final int index;
        final int step;

        StepRefused(int index, int step, RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
            this.index = index;
            this.step = step;
        }
    }

    /** What one import has done so far (shared by its threads). */
    private final class Run {
        final Caller caller;
        final SecurityContext security;
        final Instant started = clock.instant();
        long lines;
        long accepted;
        long rejected;
        long steps;
        final List<LineError> errors = new ArrayList<>();
        long errorCount;

        Run(Caller caller, SecurityContext security) {
            this.caller = caller;
            this.security = security;
        }

        synchronized void reject(long line, String field, String message) {
            rejected++;
            errorCount++;
            if (errors.size() < settings.maxErrors()) {
                errors.add(new LineError(line, field, message));
            }
        }

        synchronized void accept(List<Target> targets) {
            accepted += targets.size();
            steps += targets.stream().mapToLong(t -> t.line().steps().size()).sum();
        }

        synchronized String progress() {
            double seconds = Math.max(0.001, Duration.between(started, clock.instant()).toMillis() / 1000.0);
            return String.format("%d lines read, %d accepted, %d rejected, %d steps (%.0f steps/s)", lines, accepted,
                    rejected, steps, steps / seconds);
        }

        synchronized ImportSummary summary() {
            List<LineError> sorted = new ArrayList<>(errors);
            sorted.sort(Comparator.comparingLong(LineError::line));
            return new ImportSummary(lines, accepted, rejected, sorted,
                    errorCount > errors.size() ? Boolean.TRUE : null);
        }
    }

    public ImportSummary run(InputStream body, Caller caller) throws IOException {
        Run run = new Run(caller, SecurityContextHolder.getContext());
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(settings.parallelism(),
                r -> new Thread(r, "history-import-" + threads.incrementAndGet()));
        Semaphore inFlight = new Semaphore(settings.parallelism() * 2); // bounded: the body is never all in memory
        log.info("history import started ({} lines per transaction, {} thread(s))", settings.groupLines(),
                settings.parallelism());
        try (InputStreamReader in = new InputStreamReader(body, StandardCharsets.UTF_8)) {
            LineReader reader = new LineReader(in, MAX_LINE_CHARS);
            List<HistoryLine> group = new ArrayList<>(settings.groupLines());
            long number = 0;
            String text;
            while ((text = reader.next()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                synchronized (run) {
                    run.lines++;
                }
                try {
                    if (text == LineReader.TOO_LONG) {
                        throw new HistoryLineParser.LineRejected("line", "is longer than " + MAX_LINE_CHARS
                                + " characters");
                    }
                    group.add(parser.parse(number, text));
                } catch (HistoryLineParser.LineRejected e) {
                    run.reject(number, e.field, e.getMessage());
                }
                if (group.size() >= settings.groupLines()) {
                    submit(pool, inFlight, run, group);
                    group = new ArrayList<>(settings.groupLines());
                }
                if (number % settings.progressEvery() == 0) {
                    log.info("history import: {}", run.progress());
                }
            }
            if (!group.isEmpty()) {
                submit(pool, inFlight, run, group);
            }
        } finally {
            pool.shutdown();
            try {
                if (!pool.awaitTermination(1, TimeUnit.HOURS)) {
                    pool.shutdownNow();
                }
            } catch (InterruptedException e) {
                pool.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
        log.info("history import done: {}", run.progress());
        return run.summary();
    }

    private void submit(ExecutorService pool, Semaphore inFlight, Run run, List<HistoryLine> group) {
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while importing", e);
        }
        pool.execute(() -> {
            // The caller's token travels with the work: every command records its actor ("by").
            SecurityContextHolder.setContext(run.security);
            try {
                importGroup(run, group);
            } catch (RuntimeException | Error e) {
                log.warn("history import: a group of {} line(s) failed: {}", group.size(), e.toString());
                group.forEach(l -> run.reject(l.number(), "line", "could not be recorded; retry the line"));
            } finally {
                SecurityContextHolder.clearContext();
                inFlight.release();
            }
        });
    }

    private void importGroup(Run run, List<HistoryLine> group) {
        List<Target> targets = resolve(run, group);
        int refusals = 0;
        while (!targets.isEmpty()) {
            try {
                runInOneTransaction(targets, run.started);
                run.accept(targets);
                return;
            } catch (StepRefused refused) {
                Target culprit = owner(targets, refused.index);
                reject(run, culprit, refused);
                targets = new ArrayList<>(targets);
                targets.remove(culprit);
                if (++refusals >= MAX_REFUSALS_PER_GROUP) {
                    break;
                }
            } catch (RuntimeException e) {
                log.info("history import: a group of {} line(s) could not commit at once, going one by one: {}",
                        targets.size(), e.toString());
                break;
            }
        }
        for (Target target : targets) {
            importAlone(run, target);
        }
    }

    /** One line in its own transaction; a concurrent write to its dossier is retried a few times. */
    private void importAlone(Run run, Target target) {
        for (int attempt = 1; ; attempt++) {
            try {
                runInOneTransaction(List.of(target), run.started);
                run.accept(List.of(target));
                return;
            } catch (StepRefused refused) {
                reject(run, target, refused);
                return;
            } catch (ConcurrencyException e) {
                if (attempt >= 3) {
                    run.reject(target.line().number(), target.line().referenceField(),
                            "the dossier was changed by another command at the same time; retry the line");
                    return;
                }
            } catch (RuntimeException e) {
                log.warn("history import: line {} failed: {}", target.line().number(), e.toString());
                run.reject(target.line().number(), "line", "could not be recorded; retry the line");
                return;
            }
        }
    }

    private static Target owner(List<Target> targets, int commandIndex) {
        int seen = 0;
        for (Target target : targets) {
            seen += target.line().steps().size();
            if (commandIndex < seen) {
                return target;
            }
        }
        throw new IllegalStateException("no line holds command " + commandIndex);
    }

    private static void reject(Run run, Target target, StepRefused refused) {
        HistoryLine line = target.line();
        String path = "steps[" + refused.step + "]";
        Throwable cause = refused.getCause();
        if (cause instanceof InvalidCommandException invalid) {
            run.reject(line.number(), path + "." + invalid.field(), invalid.getMessage());
        } else if (cause instanceof AggregateNotFoundException) {
            run.reject(line.number(), line.referenceField(), "no dossier known to the workflow");
        } else {
            // Refused by the dossier's state (what the HTTP command answers with 409).
            run.reject(line.number(), path + ".kind", cause.getMessage());
        }
    }

    /**
     * Looks the group's dossiers up (by id, and by office + externalRef) and checks each line against its dossier:
     * known, in the caller's offices, first step not before the receipt.
     */
    private List<Target> resolve(Run run, List<HistoryLine> group) {
        List<String> ids = new ArrayList<>();
        List<String> refOffices = new ArrayList<>();
        List<String> refs = new ArrayList<>();
        for (HistoryLine line : group) {
            if (line.dossierId() != null) {
                ids.add(line.dossierId());
            } else {
                refOffices.add(line.officeId());
                refs.add(line.externalRef());
            }
        }
        Map<String, Known> byId = new HashMap<>();
        Map<String, List<Known>> byRef = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.query("SELECT dossier_id, office_id, received_at, external_ref FROM dossier_view "
                    + "WHERE dossier_id = ANY(CAST(? AS VARCHAR[]))", rs -> {
                Known k = new Known(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant());
                byId.put(k.dossierId(), k);
            }, (Object) ids.toArray(String[]::new));
        }
        if (!refs.isEmpty()) {
            jdbc.query("""
                    SELECT d.dossier_id, d.office_id, d.received_at, d.external_ref FROM dossier_view d
                    JOIN (SELECT DISTINCT o, r FROM unnest(CAST(? AS VARCHAR[]), CAST(? AS VARCHAR[])) AS x(o, r)) x
                      ON d.office_id = x.o AND d.external_ref = x.r""", rs -> {
                Known k = new Known(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant());
                byRef.computeIfAbsent(k.officeId() + "\u0000" + rs.getString(4), key -> new ArrayList<>()).add(k);
            }, refOffices.toArray(String[]::new), refs.toArray(String[]::new));
        }
        List<Target> targets = new ArrayList<>(group.size());
        for (HistoryLine line : group) {
            Known known;
            if (line.dossierId() != null) {
                known = byId.get(line.dossierId());
            } else {
                List<Known> found = byRef.getOrDefault(line.officeId() + "\u0000" + line.externalRef(), List.of());
                if (found.size() > 1) {
                    run.reject(line.number(), "externalRef", "names " + found.size()
                            + " dossiers of office " + line.officeId() + ": use dossierId");
                    continue;
                }
                known = found.isEmpty() ? null : found.get(0);
            }
            if (known == null) {
                run.reject(line.number(), line.referenceField(), "no dossier known to the workflow (not received, "
                        + "or not yet arrived from intake)");
                continue;
            }
            if (!access.grants(run.caller, known.officeId())) {
                run.reject(line.number(), line.dossierId() != null ? "dossierId" : "officeId",
                        "the dossier's office " + known.officeId() + " is outside the caller's offices");
                continue;
            }
            HistoryLine.Step first = line.steps().get(0);
            if (first.at().isBefore(known.receivedAt())) {
                run.reject(line.number(), "steps[0].at", "must not be before the receipt (" + known.receivedAt()
                        + ")");
                continue;
            }
            targets.add(new Target(line, known.dossierId()));
        }
        return targets;
    }

    private record Known(String dossierId, String officeId, Instant receivedAt) {
    }

    /**
     * The lines' steps in one Spring transaction: an Axon unit of work (joining it) runs the commands, appends and
     * projects their events; then, still inside, the due-soon instants that had passed before the import are
     * settled, so the deadline watcher never sees them pending. All or nothing.
     */
    private void runInOneTransaction(List<Target> targets, Instant importStarted) {
        transactions.executeWithoutResult(status -> {
            if (CurrentUnitOfWork.isStarted()) {
                throw new IllegalStateException("the history import must be the root unit of work");
            }
            DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
            try {
                unitOfWork.attachTransaction(axonTransactions);
                preload(targets);
                int index = 0;
                for (Target target : targets) {
                    int first = index;
                    for (HistoryLine.Step step : target.line().steps()) {
                        send(step.command().apply(target.dossierId()), index, first);
                        index++;
                    }
                }
                unitOfWork.commit();
            } catch (RuntimeException | Error e) {
                if (unitOfWork.phase() == UnitOfWork.Phase.STARTED) {
                    unitOfWork.rollback(e);
                }
                throw e;
            }
            jdbc.update("""
                    UPDATE dossier_view SET due_soon_done = TRUE
                    WHERE dossier_id = ANY(CAST(? AS VARCHAR[])) AND NOT due_soon_done AND due_soon_at <= ?""",
                    targets.stream().map(Target::dossierId).distinct().toArray(String[]::new),
                    Timestamp.from(importStarted));
        });
    }

    /**
     * Loads the group's dossiers into the unit of work before any command runs: their streams in one query (the
     * storage engine's prefetch), then each aggregate, in id order (two groups sharing a dossier lock it in the same
     * order). The commands then find them loaded. Loading first also matters for Axon: a load scans the events the
     * unit of work has staged so far, which, done command by command, grows with the square of the group's size.
     */
    private void preload(List<Target> targets) {
        List<String> ids = targets.stream().map(Target::dossierId).distinct().sorted().toList();
        if (storageEngine.get() instanceof PrefetchingStorageEngine prefetching) {
            prefetching.prefetch(ids);
        }
        Repository<Dossier> repository = dossiers.get();
        for (String id : ids) {
            try {
                repository.load(id);
            } catch (AggregateNotFoundException e) {
                // the dossier's first command reports it (the line is rejected naming its reference)
            }
        }
    }

    private void send(Object command, int index, int ownerFirst) {
        AtomicReference<CommandResultMessage<?>> outcome = new AtomicReference<>();
        commandBus.dispatch(GenericCommandMessage.asCommandMessage(command), (message, result) -> outcome.set(result));
        CommandResultMessage<?> result = outcome.get();
        if (result == null) {
            throw new IllegalStateException("the command bus is not synchronous: cannot import " + command);
        }
        if (result.isExceptional()) {
            Throwable cause = result.exceptionResult();
            if (cause instanceof InvalidCommandException || cause instanceof CommandRefusedException
                    || cause instanceof AggregateNotFoundException) {
                throw new StepRefused(index, index - ownerFirst, (RuntimeException) cause);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("command failed: " + cause, cause);
        }
    }
}
