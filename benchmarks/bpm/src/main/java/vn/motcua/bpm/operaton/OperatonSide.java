package vn.motcua.bpm.operaton;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.TaskService;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.operaton.bpm.engine.task.Task;
import vn.motcua.bpm.run.Cpu;
import vn.motcua.bpm.run.DossierPlan;
import vn.motcua.bpm.run.Side;
import vn.motcua.infra.PostgresServer;

/**
 * The lifecycle on an embedded Operaton engine: PostgreSQL, job executor on, history at the engine's default level.
 * The officer's step finds the dossier's open task by business key and completes it with the step's data, as a
 * task-list API over the engine would.
 */
public final class OperatonSide implements Side {
    public static final String PROCESS = "dossierLifecycle";
    public static final String DATABASE = "operaton";

    private final ProcessEngine engine;

    private OperatonSide(ProcessEngine engine) {
        this.engine = engine;
    }

    public static OperatonSide start(PostgresServer postgres, int maxConnections) {
        ProcessEngineConfigurationImpl config = (ProcessEngineConfigurationImpl)
                ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration();
        config.setProcessEngineName("motcua-bench");
        config.setJdbcUrl(postgres.jdbcUrl(DATABASE));
        config.setJdbcDriver("org.postgresql.Driver");
        config.setJdbcUsername(postgres.username());
        config.setJdbcPassword(postgres.password());
        // As many connections as workflow-service's Hikari pool (20).
        config.setJdbcMaxActiveConnections(maxConnections);
        config.setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_TRUE);
        config.setJobExecutorActivate(true);
        // The id generator the engine's documentation recommends for production (the default, a database-backed
        // block allocator, serialises concurrent engines on one row). Everything else stays at its default,
        // history level included.
        config.setIdGenerator(new StrongUuidGenerator());
        ProcessEngine engine = config.buildProcessEngine();
        engine.getRepositoryService().createDeployment().name("motcua-bench")
                .addClasspathResource("bpmn/dossier-lifecycle.bpmn").enableDuplicateFiltering(true).deploy();
        return new OperatonSide(engine);
    }

    public ProcessEngine engine() {
        return engine;
    }

    public String historyLevel() {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getHistoryLevel().getName();
    }

    public boolean jobExecutorActive() {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor().isActive();
    }

    @Override
    public String name() {
        return "Operaton " + ProcessEngine.class.getPackage().getImplementationVersion();
    }

    @Override
    public void receive(DossierPlan dossier) {
        engine.getRuntimeService().startProcessInstanceByKey(PROCESS, dossier.dossierId(), Map.of(
                "officeId", dossier.officeId(),
                "procedureCode", "1.001612",
                "receivedAt", Date.from(dossier.receivedAt()),
                "dueAt", Date.from(dossier.dueAt()),
                "dueSoonAt", Date.from(dossier.dueSoonAt())));
    }

    @Override
    public void transfer(String dossierId) {
        complete(dossierId, "transfer", Map.of("toUnit", "land office", "toOfficeId", "H49.17"));
    }

    @Override
    public void resolve(String dossierId) {
        complete(dossierId, "resolve", Map.of("outcome", "APPROVED"));
    }

    @Override
    public void returnResult(String dossierId) {
        complete(dossierId, "return", Map.of("method", "IN_PERSON"));
    }

    private void complete(String dossierId, String taskKey, Map<String, Object> variables) {
        TaskService tasks = engine.getTaskService();
        Task task = tasks.createTaskQuery().processInstanceBusinessKey(dossierId).taskDefinitionKey(taskKey)
                .singleResult();
        if (task == null) {
            throw new IllegalStateException("dossier " + dossierId + " has no open task " + taskKey);
        }
        tasks.complete(task.getId(), variables);
    }

    /** The engine runs in this JVM, with the load generator's threads calling it: this JVM's CPU. */
    @Override
    public Duration engineCpu() {
        return Cpu.self();
    }

    @Override
    public String database() {
        return DATABASE;
    }

    @Override
    public void close() {
        engine.close();
    }
}
