package vn.motcua.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real PostgreSQL 17 server (zonky's packaged binaries), listening on 127.0.0.1.
 *
 * <p>Running as root: PostgreSQL refuses to run as root. zonky handles that itself: when the effective uid
 * is 0 and {@code unshare -U} works, it runs initdb/pg_ctl inside a fresh user namespace where the process
 * is not root (see README). {@link #start} checks this up front and fails with a clear message otherwise.
 */
public final class PostgresServer implements AutoCloseable {

    private static final String USER = "postgres";
    // initdb runs with "-A trust", so the password is never checked; it is still exposed for uniform config.
    private static final String PASSWORD = "postgres";

    private volatile EmbeddedPostgres postgres;
    private final PostgresOptions options;
    private final int port;
    private final Path dataDir;
    private final boolean deleteDataDirOnClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private PostgresServer(EmbeddedPostgres postgres, PostgresOptions options, Path dataDir,
                           boolean deleteDataDirOnClose) {
        this.postgres = postgres;
        this.options = options;
        this.port = postgres.getPort();
        this.dataDir = dataDir;
        this.deleteDataDirOnClose = deleteDataDirOnClose;
        this.shutdownHook = new Thread(this::stop, "motcua-postgres-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static PostgresServer start(PostgresOptions options) {
        requireNonRootOrUserNamespaces();
        boolean temporary = options.dataDir() == null;
        try {
            Path dataDir = temporary
                    ? Files.createTempDirectory("motcua-pg-")
                    : Files.createDirectories(options.dataDir().toAbsolutePath());
            if (!temporary) {
                stopOrphanedPostmaster(dataDir);
            }
            EmbeddedPostgres.Builder builder = builder(dataDir, options);
            if (options.port() != 0) {
                builder.setPort(options.port());
            }
            EmbeddedPostgres pg;
            try {
                pg = builder.start();
            } catch (IOException | RuntimeException e) {
                if (temporary) {
                    Support.deleteRecursively(dataDir);
                }
                throw e;
            }
            return new PostgresServer(pg, options, dataDir, temporary);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL" + rootHint(), e);
        }
    }

    public int port() {
        return port;
    }

    /**
     * Stops the server (fast shutdown: open connections are cut) and keeps its data: for outage tests, which then
     * {@link #startAgain()} it. Connections fail meanwhile as against a crashed database.
     */
    public synchronized void stopForOutage() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop PostgreSQL", e);
        }
    }

    /** Starts the server again after {@link #stopForOutage()}: same data, same port, same settings. */
    public synchronized void startAgain() {
        if (closed.get()) {
            throw new IllegalStateException("closed");
        }
        try {
            postgres = builder(dataDir, options).setPort(port).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start PostgreSQL again", e);
        }
    }

    private static EmbeddedPostgres.Builder builder(Path dataDir, PostgresOptions options) {
        String onOff = options.durable() ? "on" : "off";
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                // Never wipe: a given dataDir must keep its data across restarts; temp dirs we delete ourselves.
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(false)
                // zonky passes -F (fsync off) and synchronous_commit=off by default; -c settings come later and win.
                .setServerConfig("fsync", onOff)
                .setServerConfig("synchronous_commit", onOff)
                .setServerConfig("full_page_writes", onOff)
                // Several services, each with a connection pool, share one server.
                .setServerConfig("max_connections", "300")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setPGStartupWait(Duration.ofSeconds(60));
        if (Boolean.getBoolean("motcua.postgres.stat-statements")) {
            builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
        }
        return builder;
    }

    /** JDBC URL of {@code database}, creating it first if missing (idempotent, safe across threads and JVMs). */
    public String jdbcUrl(String database) {
        Support.ensureDatabase(url("postgres"), USER, PASSWORD, database);
        return url(database);
    }

    public String username() {
        return USER;
    }

    public String password() {
        return PASSWORD;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * CPU time the whole server has used so far (postmaster, its exited children, its running backends), read from
     * {@code /proc}: for benchmarks, whose CPU per operation does not depend on other load on the machine. Empty where
     * there is no {@code /proc} or no postmaster.pid.
     */
    public Optional<Duration> cpuTime() {
        Optional<Long> postmaster = readPid(dataDir.resolve("postmaster.pid"));
        if (postmaster.isEmpty()) {
            return Optional.empty();
        }
        try (var processes = Files.list(Path.of("/proc"))) {
            long ticks = 0;
            for (Path process : (Iterable<Path>) processes::iterator) {
                String pid = process.getFileName().toString();
                if (!pid.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] stat;
                try {
                    String line = Files.readString(process.resolve("stat"));
                    // proc(5) fields after "pid (comm) ": [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime
                    stat = line.substring(line.lastIndexOf(')') + 2).split(" ");
                } catch (IOException ended) {
                    continue; // an exited backend: its time is in the postmaster's cutime/cstime now
                }
                if (pid.equals(postmaster.get().toString())) {
                    ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]) + Long.parseLong(stat[13])
                            + Long.parseLong(stat[14]);
                } else if (stat[1].equals(postmaster.get().toString())) {
                    ticks += Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
                }
            }
            return Optional.of(Duration.ofMillis(ticks * 10)); // USER_HZ = 100
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        stop();
        Support.removeShutdownHook(shutdownHook);
    }

    private void stop() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            System.err.println("motcua-infra: stopping PostgreSQL failed: " + e);
        }
        if (deleteDataDirOnClose) {
            Support.deleteRecursively(dataDir);
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /**
     * If the JVM that owned this data dir was killed (kill -9), its postmaster keeps running (pg_ctl daemonizes it)
     * and would make the next start fail. PostgreSQL itself ignores a postmaster.pid whose process is dead, so only
     * a live orphan needs handling: stop it, but only when no other live JVM holds zonky's lock on the directory.
     */
    private static void stopOrphanedPostmaster(Path dataDir) throws IOException {
        Path pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        Optional<ProcessHandle> postmaster = readPid(pidFile).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(true));
        if (postmaster.isEmpty()) {
            return; // stale pid file: PostgreSQL handles it
        }
        try (FileChannel channel = FileChannel.open(dataDir.resolve("epg-lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = channel.tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("PostgreSQL data directory " + dataDir
                        + " is in use by another running process");
            }
            ProcessHandle p = postmaster.get();
            p.destroy(); // SIGTERM: smart shutdown; the dead JVM's connections are already gone
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
                p.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("could not stop orphaned postmaster in " + dataDir, e);
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.US_ASCII);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * initdb and postgres refuse to run as root. As root, zonky prefixes every command with {@code unshare -U}
     * (a new user namespace in which the process is unprivileged "nobody" yet still owns root's files), so no
     * chown or user switch is needed. Fail early and clearly where user namespaces are not allowed.
     */
    private static void requireNonRootOrUserNamespaces() {
        if (isRoot() && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("PostgreSQL cannot run as root and 'unshare -U' (user namespaces) is not"
                    + " available here: run the build as a non-root user, or allow unprivileged user namespaces");
        }
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return isRoot();
        }
    }

    private static String rootHint() {
        return isRoot()
                ? " (running as root: PostgreSQL needs 'unshare -U' (user namespaces) to drop root; see motcua-infra README)"
                : "";
    }
}
