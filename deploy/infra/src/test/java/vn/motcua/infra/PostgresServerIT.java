package vn.motcua.infra;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresServerIT {

    @Test
    void ephemeralServerStoresDataAndIsNotDurable() throws Exception {
        try (PostgresServer pg = PostgresServer.start(PostgresOptions.ephemeral())) {
            String url = pg.jdbcUrl("cases");
            assertThat(url).isEqualTo("jdbc:postgresql://127.0.0.1:" + pg.port() + "/cases");
            try (Connection c = connect(pg, url); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE t (id int PRIMARY KEY, name text)");
                st.execute("INSERT INTO t VALUES (1, 'hồ sơ')");
                assertThat(single(st, "SELECT name FROM t WHERE id = 1")).isEqualTo("hồ sơ");
                assertThat(single(st, "SHOW fsync")).isEqualTo("off");
                assertThat(single(st, "SHOW synchronous_commit")).isEqualTo("off");
                assertThat(single(st, "SHOW max_connections")).isEqualTo("300");
                assertThat(single(st, "SHOW server_version")).startsWith("17.");
            }
            Path dir = pg.dataDir();
            pg.close();
            assertThat(dir).doesNotExist(); // temp data dir is removed on close
        }
    }

    @Test
    void anOutageStopsTheServerAndStartAgainBringsItBackWithItsDataOnTheSamePort() throws Exception {
        try (PostgresServer pg = PostgresServer.start(PostgresOptions.ephemeral())) {
            String url = pg.jdbcUrl("outage");
            try (Connection c = connect(pg, url); Statement st = c.createStatement()) {
                st.execute("CREATE TABLE kept (v text)");
                st.execute("INSERT INTO kept VALUES ('still here')");
            }
            int port = pg.port();
            pg.stopForOutage();
            assertThatThrownBy(() -> connect(pg, url).close()).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).startsWith("08"));
            pg.startAgain();
            assertThat(pg.port()).isEqualTo(port);
            try (Connection c = connect(pg, url); Statement st = c.createStatement()) {
                assertThat(single(st, "SELECT v FROM kept")).isEqualTo("still here");
            }
        }
    }

    @Test
    void durableServerKeepsDataAcrossRestartsOnSameDataDir(@TempDir Path tmp) throws Exception {
        Path dataDir = tmp.resolve("pgdata");
        PostgresOptions options = new PostgresOptions(dataDir, 0, true);
        try (PostgresServer pg = PostgresServer.start(options);
             Connection c = connect(pg, pg.jdbcUrl("durable_db"));
             Statement st = c.createStatement()) {
            assertThat(single(st, "SHOW fsync")).isEqualTo("on");
            assertThat(single(st, "SHOW synchronous_commit")).isEqualTo("on");
            st.execute("CREATE TABLE kept (v text)");
            st.execute("INSERT INTO kept VALUES ('survives')");
        }
        assertThat(dataDir.resolve("PG_VERSION")).exists();

        // A stale postmaster.pid (dead pid, as after kill -9 of the whole process tree) must not block a start.
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        Files.writeString(dataDir.resolve("postmaster.pid"), dead.pid() + "\n" + dataDir + "\n");

        try (PostgresServer pg = PostgresServer.start(options);
             Connection c = connect(pg, pg.jdbcUrl("durable_db"));
             Statement st = c.createStatement()) {
            assertThat(single(st, "SELECT v FROM kept")).isEqualTo("survives");
            assertThat(single(st, "SHOW fsync")).isEqualTo("on");
        }
    }

    @Test
    void jdbcUrlCreatesDatabaseOnceUnderConcurrency() throws Exception {
        try (PostgresServer pg = PostgresServer.start(PostgresOptions.ephemeral())) {
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Callable<String>> calls = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    String db = i % 2 == 0 ? "shared_db" : "other_db";
                    calls.add(() -> pg.jdbcUrl(db));
                }
                for (Future<String> f : pool.invokeAll(calls)) {
                    assertThat(f.get()).startsWith("jdbc:postgresql://127.0.0.1:");
                }
            } finally {
                pool.shutdownNow();
            }
            try (Connection c = connect(pg, pg.jdbcUrl("shared_db")); Statement st = c.createStatement()) {
                assertThat(single(st, "SELECT current_database()")).isEqualTo("shared_db");
            }
        }
    }

    private static Connection connect(PostgresServer pg, String url) throws SQLException {
        return DriverManager.getConnection(url, pg.username(), pg.password());
    }

    private static String single(Statement st, String sql) throws SQLException {
        try (ResultSet rs = st.executeQuery(sql)) {
            assertThat(rs.next()).isTrue();
            return rs.getString(1);
        }
    }
}
