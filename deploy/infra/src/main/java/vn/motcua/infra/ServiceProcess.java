package vn.motcua.infra;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service's runnable jar as a child JVM, configured by system properties, its output in a log file: the local
 * stack's, and the one way the deploy tests and benchmarks start a jar.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int port;
    private final Path logFile;
    private final Process process;

    private ServiceProcess(String name, int port, Path logFile, Process process) {
        this.name = name;
        this.port = port;
        this.logFile = logFile;
        this.process = process;
    }

    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> properties, Path logDir)
            throws IOException {
        return start(name, jar, port, properties, logDir, List.of());
    }

    /**
     * As {@link #start(String, Path, int, Map, Path)}, with extra JVM options before the jar (e.g. a flight
     * recording for a benchmark).
     */
    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> properties, Path logDir,
                                       List<String> jvmOptions) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(name + ": no runnable jar at " + jar + " (build with ./mvnw package)");
        }
        Files.createDirectories(logDir);
        Path log = logDir.resolve(name + ".log");
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xms128m");
        command.add("-Xmx512m");
        command.addAll(jvmOptions);
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // A public-sector system reports nothing to vendors.
        builder.environment().put("AXONIQ_UPDATE_CHECKER_DISABLED", "true");
        return new ServiceProcess(name, port, log, builder.start());
    }

    /** Waits until {@code GET /health} answers 200; fails early if the process died. */
    public void awaitHealthy(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + logFile
                        + lastLines(20));
            }
            try {
                if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // still starting
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not healthy after " + timeout + "; see " + logFile);
    }

    /** The end of the log, where a service says why it would not start (e.g. a broken identities file). */
    private String lastLines(int count) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return "\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
        } catch (IOException | RuntimeException unreadable) {
            return "";
        }
    }

    /** The operating system's id of the JVM (for a test that signals it, or a log line). */
    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    /** Stops gracefully (SIGTERM, so consumers and processors finish their batch), forcibly after 30 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Simulates a crash: no shutdown hooks, no graceful stop. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** A port nothing listens on right now (for a child service, a broker, a provider). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
