package vn.motcua.local;

import java.nio.file.Path;

/**
 * Where the local stack keeps its data and which ports it uses. Infrastructure ports default to ones that do not
 * clash with a system PostgreSQL (5432) or Kafka (9092). {@code identities} is the operator's identities file for
 * the OpenID Provider, or null for its demo set.
 */
public record StackOptions(Path repositoryRoot, Path dataDir, int postgresPort, int kafkaPort, int intakePort,
                           int workflowPort, int reportingPort, int oidcPort, Path identities, boolean durable,
                           boolean seedCatalogue) {

    public static StackOptions defaults(Path repositoryRoot) {
        return new StackOptions(repositoryRoot, repositoryRoot.resolve(".motcua-data"), 55432, 59092, 8081, 8082,
                8083, 8090, null, true, false);
    }

    public StackOptions withDataDir(Path dir) {
        return new StackOptions(repositoryRoot, dir, postgresPort, kafkaPort, intakePort, workflowPort, reportingPort,
                oidcPort, identities, durable, seedCatalogue);
    }

    public StackOptions withPorts(int postgres, int kafka, int intake, int workflow, int reporting) {
        return new StackOptions(repositoryRoot, dataDir, postgres, kafka, intake, workflow, reporting, oidcPort,
                identities, durable, seedCatalogue);
    }

    public StackOptions withOidcPort(int port) {
        return new StackOptions(repositoryRoot, dataDir, postgresPort, kafkaPort, intakePort, workflowPort,
                reportingPort, port, identities, durable, seedCatalogue);
    }

    /** The OpenID Provider's clients and users come from this file instead of its demo set. */
    public StackOptions withIdentities(Path file) {
        return new StackOptions(repositoryRoot, dataDir, postgresPort, kafkaPort, intakePort, workflowPort,
                reportingPort, oidcPort, file, durable, seedCatalogue);
    }

    public StackOptions withDurable(boolean value) {
        return new StackOptions(repositoryRoot, dataDir, postgresPort, kafkaPort, intakePort, workflowPort,
                reportingPort, oidcPort, identities, value, seedCatalogue);
    }

    /** Intake loads its shipped catalogue of the seeds' offices and real procedures (demo only). */
    public StackOptions withSeedCatalogue(boolean value) {
        return new StackOptions(repositoryRoot, dataDir, postgresPort, kafkaPort, intakePort, workflowPort,
                reportingPort, oidcPort, identities, durable, value);
    }
}
