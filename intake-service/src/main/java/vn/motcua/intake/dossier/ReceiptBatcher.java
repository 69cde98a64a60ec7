package vn.motcua.intake.dossier;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import vn.motcua.intake.dossier.DossierReceiptService.Answer;
import vn.motcua.intake.dossier.DossierReceiptService.Outcome;
import vn.motcua.intake.dossier.DossierReceiptService.Submission;

/**
 * Group commit of HTTP receipts. A receipt's cost is its round trips to PostgreSQL, not its bytes, so requests that
 * arrive while a transaction is running are gathered and received together in ONE transaction
 * ({@link DossierReceiptService#receiveGroup}), each request waiting for its own answer. A lone request is received
 * at once, exactly as before ({@link DossierReceiptService#receive}): nothing waits for a group to fill when the
 * queue is empty.
 */
@Component
class ReceiptBatcher {
    private static final Logger log = LoggerFactory.getLogger(ReceiptBatcher.class);

    private final DossierReceiptService receipts;
    private final int maxSize;
    private final long maxWaitNanos;
    private final int committers;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private final DistributionSummary groupSizes;
    private volatile boolean running = true;

    private record Pending(Submission submission, CompletableFuture<Outcome> answer) {
    }

    ReceiptBatcher(DossierReceiptService receipts,
                   @Value("${motcua.intake.receipt-batch.max-size:100}") int maxSize,
                   @Value("${motcua.intake.receipt-batch.max-wait:2ms}") Duration maxWait,
                   @Value("${motcua.intake.receipt-batch.committers:1}") int committers, MeterRegistry meters) {
        this.receipts = receipts;
        this.maxSize = Math.max(1, maxSize);
        this.maxWaitNanos = Math.max(0, maxWait.toNanos());
        this.committers = Math.max(1, committers);
        // motcua_intake_receipt_group_size: how many HTTP receipts shared a transaction
        this.groupSizes = DistributionSummary.builder("motcua.intake.receipt.group.size").register(meters);
    }

    @PostConstruct
    void start() {
        if (maxSize == 1) {
            return; // grouping off: every request is received in its own thread
        }
        for (int i = 0; i < committers; i++) {
            Thread t = new Thread(this::commitLoop, "receipt-committer-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    /** Receives one submission, possibly together with others; answers (or throws) what it would have alone. */
    Outcome receive(Submission s) {
        receipts.precheck(s);
        if (maxSize == 1) {
            return receipts.receive(s);
        }
        Pending pending = new Pending(s, new CompletableFuture<>());
        queue.add(pending);
        if (!running && queue.remove(pending)) {
            throw new IllegalStateException("intake is shutting down");
        }
        try {
            return pending.answer().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the receipt was being recorded", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void commitLoop() {
        List<Pending> group = new ArrayList<>(maxSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxSize - 1);
                // Others are already waiting, so more are probably on their way: give them a moment to join.
                if (group.size() > 1) {
                    long deadline = System.nanoTime() + maxWaitNanos;
                    while (group.size() < maxSize) {
                        long left = deadline - System.nanoTime();
                        Pending next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                        if (next == null) {
                            break;
                        }
                        group.add(next);
                        queue.drainTo(group, maxSize - group.size());
                    }
                }
                commit(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail(group, new IllegalStateException("intake is shutting down"));
                return;
            } catch (Throwable t) {
                log.error("receipt group of {} failed", group.size(), t);
                fail(group, t);
            } finally {
                group.clear();
            }
        }
    }

    private void commit(List<Pending> group) {
        groupSizes.record(group.size());
        if (group.size() == 1) {
            Pending p = group.get(0);
            try {
                p.answer().complete(receipts.receive(p.submission()));
            } catch (RuntimeException e) {
                p.answer().completeExceptionally(e);
            }
            return;
        }
        List<Answer> answers = receipts.receiveGroup(group.stream().map(Pending::submission).toList());
        for (int i = 0; i < group.size(); i++) {
            Answer a = answers.get(i);
            if (a.failure() != null) {
                group.get(i).answer().completeExceptionally(a.failure());
            } else {
                group.get(i).answer().complete(a.outcome());
            }
        }
    }

    private static void fail(List<Pending> group, Throwable why) {
        group.forEach(p -> p.answer().completeExceptionally(why));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false; // committers finish what is queued, then end
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(10));
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        fail(left, new IllegalStateException("intake is shutting down"));
    }
}
