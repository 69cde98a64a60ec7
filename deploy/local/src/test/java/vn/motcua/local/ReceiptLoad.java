package vn.motcua.local;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A desk's integration under faults: receipts offered to intake at a steady pace (open loop: a slow answer does not
 * slow the offer, at most {@link #IN_FLIGHT} outstanding), each with its own {@code Idempotency-Key}. A receipt
 * that got no answer (the service was killed) or a 503 is sent again with the same key a second later, as a
 * client should, until intake accepts it (201, or 200 for a repeat): so in the end every receipt offered was
 * accepted exactly once, and the dossiers the client knows are exactly the ones the stack must know.
 */
final class ReceiptLoad implements AutoCloseable {
    private static final int IN_FLIGHT = 64;
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);
    private static final Pattern DOSSIER_ID = Pattern.compile("\"dossierId\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final URI endpoint;
    private final Supplier<String> caller;
    private final List<String> offices;
    private final String procedure;
    private final int rate;
    private final AnswerTally tally;
    private final Map<String, String> accepted = new ConcurrentHashMap<>();
    private final List<String> acceptedInOrder = new CopyOnWriteArrayList<>();
    private final Map<String, Receipt> unsettled = new ConcurrentHashMap<>();
    private final DelayQueue<Retry> retries = new DelayQueue<>();
    private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
    private final AtomicInteger offered = new AtomicInteger();
    private volatile boolean offering;
    private volatile boolean running;
    private Thread pacer;
    private Thread retrier;

    private record Receipt(int n, String key, String body) {
    }

    ReceiptLoad(String intake, Supplier<String> caller, List<String> offices, String procedure, int rate,
                AnswerTally tally) {
        this.endpoint = URI.create(intake + "/api/v1/dossiers");
        this.caller = caller;
        this.offices = List.copyOf(offices);
        this.procedure = procedure;
        this.rate = rate;
        this.tally = tally;
    }

    void start() {
        running = true;
        offering = true;
        pacer = new Thread(this::offer, "receipt-pacer");
        retrier = new Thread(this::retry, "receipt-retrier");
        pacer.start();
        retrier.start();
    }

    /** Receipts accepted so far (each once, in the order the client learnt of them). */
    List<String> acceptedIds() {
        return List.copyOf(acceptedInOrder);
    }

    int acceptedCount() {
        return acceptedInOrder.size();
    }

    int offeredCount() {
        return offered.get();
    }

    /** Stops offering new receipts; those not yet accepted are still retried until {@link #awaitSettled}. */
    void stopOffering() throws InterruptedException {
        offering = false;
        pacer.join();
    }

    /** True once every receipt offered was accepted (or refused with a 4xx, a violation on its own). */
    boolean settled() {
        return unsettled.isEmpty();
    }

    @Override
    public void close() throws InterruptedException {
        offering = false;
        running = false;
        if (pacer != null) {
            pacer.join();
            retrier.interrupt();
            retrier.join();
        }
    }

    private void offer() {
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime();
        for (int n = 0; offering; n++) {
            long wait = start + n * period - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!offering) {
                return;
            }
            String office = offices.get(n % offices.size());
            Receipt receipt = new Receipt(n, UUID.randomUUID().toString(), "{\"officeId\":\"" + office
                    + "\",\"procedureCode\":\"" + procedure + "\",\"channel\":\""
                    + (n % 2 == 0 ? "ONLINE" : "IN_PERSON") + "\",\"applicant\":{\"fullName\":\"Người nộp " + n
                    + "\"}}");
            unsettled.put(receipt.key(), receipt);
            offered.incrementAndGet();
            send(receipt);
        }
    }

    private void retry() {
        while (running) {
            try {
                send(retries.take().receipt());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void send(Receipt receipt) {
        inFlight.acquireUninterruptibly();
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(20))
                .header("Authorization", caller.get()).header("Content-Type", "application/json")
                .header("Accept", "application/json").header("Idempotency-Key", receipt.key())
                .POST(HttpRequest.BodyPublishers.ofString(receipt.body())).build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
            inFlight.release();
            if (failure != null) {
                tally.noAnswer("receipt", failure);
                retries.add(new Retry(receipt, RETRY_AFTER));
                return;
            }
            tally.answer("receipt", response);
            int status = response.statusCode();
            if (status == 201 || status == 200) {
                accept(receipt, response.body());
            } else if (status >= 500) {
                retries.add(new Retry(receipt, RETRY_AFTER));
            } else {
                tally.violation("receipt " + status, response.body());
                unsettled.remove(receipt.key());
            }
        });
    }

    private void accept(Receipt receipt, String body) {
        Matcher id = DOSSIER_ID.matcher(body);
        if (!id.find()) {
            tally.violation("receipt accepted without a dossierId", body);
            return;
        }
        String previous = accepted.putIfAbsent(receipt.key(), id.group(1));
        if (previous == null) {
            acceptedInOrder.add(id.group(1));
        } else if (!previous.equals(id.group(1))) {
            tally.violation("a repeat of receipt " + receipt.n() + " answered another dossier", previous + " then "
                    + id.group(1));
        }
        unsettled.remove(receipt.key());
    }

    private record Retry(Receipt receipt, long dueNanos) implements Delayed {
        Retry(Receipt receipt, Duration after) {
            this(receipt, System.nanoTime() + after.toNanos());
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
        }
    }
}
