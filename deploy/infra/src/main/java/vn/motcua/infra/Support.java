package vn.motcua.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** Small helpers shared by the embedded servers and the containers backend. */
final class Support {

    private Support() {
    }

    /** A port that was free a moment ago on 127.0.0.1 (the usual bind-and-release; the race is acceptable here). */
    /** After an explicit close the JVM need not stop the server again; during shutdown the hook runs anyway. */
    static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or will run; stop() is idempotent
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port", e);
        }
    }

    static void deleteRecursively(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // Best effort: a leftover temp dir must not fail a shutdown.
            System.err.println("motcua-infra: could not delete " + root + ": " + e);
        }
    }

    /**
     * Creates {@code database} if it does not exist. Safe under concurrency (threads or JVMs):
     * losing the race shows up as duplicate_database (42P04) or a unique violation on pg_database (23505).
     */
    static void ensureDatabase(String adminJdbcUrl, String user, String password, String database) {
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("database name must not be blank");
        }
        Properties props = new Properties();
        props.setProperty("user", user);
        if (password != null) {
            props.setProperty("password", password);
        }
        try (Connection c = DriverManager.getConnection(adminJdbcUrl, props)) {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                ps.setString(1, database);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            for (int attempt = 1; ; attempt++) {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE DATABASE " + quoteIdent(database));
                    return;
                } catch (SQLException e) {
                    String state = e.getSQLState();
                    if ("42P04".equals(state) || "23505".equals(state)) {
                        return; // someone else created it first
                    }
                    // 55006: template1 briefly in use by a concurrent CREATE DATABASE; retry a few times.
                    if ("55006".equals(state) && attempt < 20) {
                        pause(100L * attempt);
                        continue;
                    }
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + database + " via " + adminJdbcUrl, e);
        }
    }

    static String quoteIdent(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
