package vn.motcua.bpm.run;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import vn.motcua.infra.PostgresServer;

/**
 * One side's figures: a warm-up (not counted), then the measured lifecycles, with the CPU time of the engine's
 * process, of PostgreSQL and of the benchmark's own JVM over the measured phase, and the growth of the side's
 * database over warm-up and measured lifecycles together.
 */
public record Measurement(String side, LoadRun.Result result, Duration engineCpu, Duration postgresCpu,
                          Duration generatorCpu, long databaseBytes, int lifecyclesWritten, String loadBefore,
                          String loadAfter) {

    public static Measurement of(Side side, PostgresServer postgres, int warmup, int lifecycles, int clients,
                                 boolean generatorSeparate) throws Exception {
        long size0 = databaseSize(postgres, side.database());
        if (warmup > 0) {
            LoadRun.run(side, "W", warmup, clients);
        }
        String loadBefore = Machine.loadAverage();
        Duration engine0 = side.engineCpu();
        Duration self0 = Cpu.self();
        Duration pg0 = postgres.cpuTime().orElse(Duration.ZERO);
        LoadRun.Result result = LoadRun.run(side, "M", lifecycles, clients);
        Duration engine = side.engineCpu().minus(engine0);
        Duration self = Cpu.self().minus(self0);
        Duration pg = postgres.cpuTime().orElse(Duration.ZERO).minus(pg0);
        String loadAfter = Machine.loadAverage();
        long size1 = databaseSize(postgres, side.database());
        return new Measurement(side.name(), result, engine, pg, generatorSeparate ? self : Duration.ZERO,
                size1 - size0, warmup + lifecycles, loadBefore, loadAfter);
    }

    public static long databaseSize(PostgresServer postgres, String database) throws SQLException {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(),
                postgres.password());
             Statement statement = db.createStatement();
             ResultSet row = statement.executeQuery("SELECT pg_database_size(current_database())")) {
            row.next();
            return row.getLong(1);
        }
    }

    public double perLifecycleMicros(Duration cpu) {
        return cpu.toNanos() / 1e3 / result.lifecycles();
    }

    public double totalCpuMicros() {
        return perLifecycleMicros(engineCpu.plus(postgresCpu).plus(generatorCpu));
    }

    public double megabytesPer100k() {
        return databaseBytes / (double) lifecyclesWritten * 100_000 / (1 << 20);
    }
}
