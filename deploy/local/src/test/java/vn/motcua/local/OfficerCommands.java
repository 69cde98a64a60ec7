package vn.motcua.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An officer working through the dossiers the desk received, a few commands a second on workflow, one at a time:
 * every second pick is transferred, the other resolved. A command workflow answers 200 is acknowledged and must
 * take effect once; one that got no answer (workflow was killed) has an unknown outcome and is not repeated (at
 * most once); a 503 changed nothing, so it is sent again, and a 409 then would mean the 503 had written something.
 * A 404 (workflow has not seen the dossier yet) is tried again later.
 */
final class OfficerCommands implements AutoCloseable {
    private static final Duration PACE = Duration.ofMillis(250);
    /** Picks every n-th accepted dossier, so commands spread over the whole run. */
    private static final int STRIDE = 7;
    private static final int MAX_NOT_FOUND = 200;

    enum Kind {
        TRANSFER("transfers", "{\"toUnit\":\"Phòng Tư pháp\",\"note\":\"chuyển xử lý\"}", "TRANSFERRED"),
        RESOLUTION("resolution", "{\"outcome\":\"APPROVED\"}", "RESOLVED");

        final String path;
        final String body;
        final String historyKind;

        Kind(String path, String body, String historyKind) {
            this.path = path;
            this.body = body;
            this.historyKind = historyKind;
        }
    }

    record Command(String dossierId, Kind kind) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final String workflow;
    private final Supplier<String> caller;
    private final Supplier<List<String>> accepted;
    private final AnswerTally tally;
    private final Set<Command> acknowledged = ConcurrentHashMap.newKeySet();
    private final Set<Command> unknown = ConcurrentHashMap.newKeySet();
    private final Set<Command> refusedOnce = ConcurrentHashMap.newKeySet();
    private final Deque<Command> again = new ArrayDeque<>();
    private final Map<Command, Integer> notFound = new ConcurrentHashMap<>();
    private final ReentrantLock busy = new ReentrantLock();
    private volatile boolean paused;
    private volatile boolean running;
    private int turn;
    private int picks;
    private int cursor;
    private Thread thread;

    OfficerCommands(String workflow, Supplier<String> caller, Supplier<List<String>> accepted, AnswerTally tally) {
        this.workflow = workflow;
        this.caller = caller;
        this.accepted = accepted;
        this.tally = tally;
    }

    void start() {
        running = true;
        thread = new Thread(this::work, "officer-commands");
        thread.start();
    }

    /** Holds the officer after the command in hand (so none is in flight while a test watches the database). */
    void pause() {
        busy.lock();
        paused = true;
        busy.unlock();
    }

    void resume() {
        paused = false;
    }

    Set<Command> acknowledged() {
        return Set.copyOf(acknowledged);
    }

    /** Commands that got no answer: they may or may not have taken effect, but at most once. */
    Set<Command> unknown() {
        return Set.copyOf(unknown);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.join();
        }
    }

    private void work() {
        while (running) {
            busy.lock();
            try {
                if (!paused) {
                    Command next = next();
                    if (next != null) {
                        issue(next);
                    }
                }
            } finally {
                busy.unlock();
            }
            try {
                Thread.sleep(PACE.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Retries and new picks in turn; new picks walk the accepted dossiers, transfer and resolution alternately. */
    private Command next() {
        boolean retryTurn = turn++ % 2 == 0;
        if (retryTurn && !again.isEmpty()) {
            return again.pollFirst();
        }
        List<String> ids = accepted.get();
        if (cursor >= ids.size()) {
            return again.pollFirst();
        }
        Command command = new Command(ids.get(cursor), picks++ % 2 == 0 ? Kind.TRANSFER : Kind.RESOLUTION);
        cursor += STRIDE;
        return command;
    }

    private void issue(Command command) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(workflow + "/api/v1/dossiers/" + command.dossierId() + "/" + command.kind().path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", caller.get())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(command.kind().body)).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            tally.noAnswer("command", e);
            if (AnswerTally.neverSent(e)) {
                again.addLast(command); // workflow was not listening: nothing happened, send it again
            } else {
                unknown.add(command);
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return;
        }
        tally.answer("command", response);
        switch (response.statusCode()) {
            case 200, 201 -> acknowledged.add(command);
            case 404 -> {
                if (notFound.merge(command, 1, Integer::sum) < MAX_NOT_FOUND) {
                    again.addLast(command);
                } else {
                    tally.violation("command on a dossier workflow never knew", command.toString());
                }
            }
            case 503 -> {
                refusedOnce.add(command);
                again.addLast(command);
            }
            case 409 -> tally.violation(refusedOnce.contains(command)
                    ? "command 409 after a 503 (the 503 had written something)" : "command 409", response.body());
            default -> {
                if (response.statusCode() < 500) {
                    tally.violation("command " + response.statusCode(), response.body());
                } else {
                    again.addLast(command); // a 500 is already a violation; still try to get the work done
                }
            }
        }
    }
}
