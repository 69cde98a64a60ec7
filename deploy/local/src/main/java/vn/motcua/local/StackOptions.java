package vn.motcua.local;

import java.nio.file.Path;

/**
 * Where the local stack keeps its data and which ports it uses. Infrastructure ports default to ones that do not
 * clash with a system PostgreSQL (5432) or Kafka (9092). {@code identities} is the operator's identities file for
 * the OpenID Provider, or null for its demo set. {@code flightRecordings}: a directory where each service's JVM
 * keeps a flight recording ({@code <module>.jfr}, written when it stops), or null for none (benchmarks only).
 */
public record StackOptions(Path repositoryRoot, Path dataDir, int postgresPort, int kafkaPort, int intakePort,
                           int workflowPort, int reportingPort, int oidcPort, Path identities, boolean durable,
                           boolean seedCatalogue, Path flightRecordings) {

    public static StackOptions defaults(Path repositoryRoot) {
        return new StackOptions(repositoryRoot, repositoryRoot.resolve(".motcua-data"), 55432, 59092, 8081, 8082,
                8083, 8090, null, true, false, null);
    }

    public StackOptions withDataDir(Path dir) {
        return new StackOptions(repositoryRoot, dir, postgresPort, kafkaPort, intakePort, workflowPort, reportingPort,
                oidcPort, identities, durable, seedCatalogue, flightRecordings);
    }

    public StackOptions withPorts(int postgres, int kafka, int intake, int workflow, int reporting) {
        return new StackOptions(repositoryRoot, dataDir, postgres, kafka, intake, workflow, reporting, oidcPort,
                identities, durable, seedCatalogue, flightRecordings);
    }

    public StackOptions withOidcPort(int port) {
        return new StackOptions(repositoryRoot, dataDir, postgresPort, kafkaPort, intakePort, workflowPort,
                reportingPort, port, identities, durable, seedCatalogue, flightRecordings);
    }

    /** The OpenID Provider's clients and users come from this file instead of its demo set. */
    public StackOptions withIdentities(Path file) {
        return new StackOptions(repositoryRoot, dataDir, postgresPort, kafkaPort, intakePort, workflowPort,
                reportingPort, oidcPort, file, durable, seedCatalogue, flightRecordings);
    }

    public StackOptions withDurable(boolean value) {
        return new StackOptions(repositoryRoot, dataDir, postgresPort, kafkaPort, intakePort, workflowPort,
                reportingPort, oidcPort, identities, value, seedCatalogue, flightRecordings);
    }

    /** Intake loads its shipped catalogue of the seeds' offices and real procedures (demo only). */
    public StackOptions withSeedCatalogue(boolean value) {
        return new StackOptions(repositoryRoot, dataDir, postgresPort, kafkaPort, intakePort, workflowPort,
                reportingPort, oidcPort, identities, durable, value, flightRecordings);
    }

    /** Each service's JVM records a flight recording into {@code dir} (profile settings, dumped when it stops). */
    public StackOptions withFlightRecordings(Path dir) {
        return new StackOptions(repositoryRoot, dataDir, postgresPort, kafkaPort, intakePort, workflowPort,
                reportingPort, oidcPort, identities, durable, seedCatalogue, dir);
    }
}
