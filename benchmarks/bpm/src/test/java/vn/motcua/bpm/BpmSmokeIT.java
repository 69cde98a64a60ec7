package vn.motcua.bpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.runtime.Job;
import vn.motcua.bpm.operaton.OperatonSide;
import vn.motcua.bpm.run.DossierPlan;
import vn.motcua.bpm.run.LoadRun;
import vn.motcua.bpm.run.Side;
import vn.motcua.bpm.run.Step;
import vn.motcua.bpm.workflow.MotcuaSide;
import vn.motcua.events.TopicProvisioner;
import vn.motcua.infra.KafkaBroker;
import vn.motcua.infra.KafkaOptions;
import vn.motcua.infra.PostgresOptions;
import vn.motcua.infra.PostgresServer;
import vn.motcua.testsupport.TestIssuer;

/**
 * The benchmark's two sides work, checked with a handful of lifecycles (no timing: the figures come from
 * {@link BpmBenchmark}). Each side: lifecycles complete; an open dossier has its due-soon timer at due date minus one
 * working day; a dossier whose due-soon instant has passed gets it announced while it stays open. motcua's
 * workflow runs from its runnable jar (built in this reactor's package phase), tokens from a test issuer.
 */
class BpmSmokeIT {
    private static final Duration FIRE_TIMEOUT = Duration.ofSeconds(30);

    private static PostgresServer postgres;

    @TempDir
    static Path logs;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start(PostgresOptions.ephemeral());
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void operatonRunsTheLifecycleAndItsDueSoonTimer() throws Exception {
        try (OperatonSide side = OperatonSide.start(postgres, 5)) {
            ProcessEngine engine = side.engine();
            assertThat(side.jobExecutorActive()).isTrue();

            DossierPlan open = DossierPlan.fresh("SMOKE-OP-OPEN", "H29.21");
            side.receive(open);
            Job timer = engine.getManagementService().createJobQuery().timers()
                    .processInstanceId(instanceOf(engine, open)).singleResult();
            assertThat(timer).isNotNull();
            assertThat(timer.getDuedate().toInstant()).isEqualTo(open.dueSoonAt());
            assertThat(open.dueSoonAt()).isBefore(open.dueAt());

            DossierPlan late = DossierPlan.alreadyDueSoon("SMOKE-OP-LATE", "H29.21");
            side.receive(late);
            String lateInstance = instanceOf(engine, late);
            await(() -> engine.getHistoryService().createHistoricActivityInstanceQuery()
                    .processInstanceId(lateInstance).activityId("dueSoonAnnounced").count() == 1);
            assertThat(engine.getRuntimeService().getVariable(lateInstance, "dueSoonAnnounced")).isEqualTo(true);
            assertThat(engine.getTaskService().createTaskQuery().processInstanceId(lateInstance).singleResult()
                    .getTaskDefinitionKey()).isEqualTo("transfer"); // non-interrupting: the dossier goes on

            for (DossierPlan plan : List.of(open, late)) {
                finish(side, plan);
            }
            LoadRun.Result run = LoadRun.run(side, "SMOKE-OP", 4, 2);
            assertThat(run.latencies().count(Step.RETURN)).isEqualTo(4);
            assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).isZero();
            assertThat(engine.getManagementService().createJobQuery().timers().count()).isZero();
            assertThat(engine.getHistoryService().createHistoricProcessInstanceQuery().finished().count())
                    .isEqualTo(6);
        }
    }

    @Test
    void motcuaRunsTheLifecycleAndAnnouncesDueSoon() throws Exception {
        Path jar = Path.of(System.getProperty("motcua.repository.root", "../.."))
                .resolve("workflow-service/target/workflow-service-0.1.0-SNAPSHOT.jar");
        try (TestIssuer issuer = TestIssuer.start();
             KafkaBroker kafka = KafkaBroker.start(KafkaOptions.ephemeral())) {
            TopicProvisioner.ensureContractTopics(kafka.bootstrapServers(), 2);
            String officer = issuer.bearer("bench-officer", List.of("officer"), List.of("*"));
            try (MotcuaSide side = MotcuaSide.start(jar, postgres, kafka, issuer.issuer(), () -> officer, logs)) {
                DossierPlan open = DossierPlan.fresh("SMOKE-MC-OPEN", "H29.21");
                side.receive(open);
                // motcua's timer is the dossier's row in the deadline schedule, due-soon instant derived by the
                // service from the same calendar.
                assertThat(dueSoonAt(open.dossierId())).isEqualTo(open.dueSoonAt());

                DossierPlan late = DossierPlan.alreadyDueSoon("SMOKE-MC-LATE", "H29.21");
                side.receive(late);
                await(() -> view(side, late).contains("\"DUE_SOON\""));

                for (DossierPlan plan : List.of(open, late)) {
                    finish(side, plan);
                    assertThat(view(side, plan)).contains("\"status\":\"RETURNED\"");
                }
                LoadRun.Result run = LoadRun.run(side, "SMOKE-MC", 4, 2);
                assertThat(run.latencies().count(Step.RETURN)).isEqualTo(4);
            }
        }
    }

    private static void finish(Side side, DossierPlan plan) throws Exception {
        side.transfer(plan.dossierId());
        side.resolve(plan.dossierId());
        side.returnResult(plan.dossierId());
    }

    private static String instanceOf(ProcessEngine engine, DossierPlan plan) {
        return engine.getRuntimeService().createProcessInstanceQuery()
                .processInstanceBusinessKey(plan.dossierId()).singleResult().getId();
    }

    private static Instant dueSoonAt(String dossierId) throws Exception {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(MotcuaSide.DATABASE), postgres.username(),
                postgres.password());
             PreparedStatement query = db.prepareStatement("SELECT due_soon_at FROM dossier_view WHERE dossier_id = ?")) {
            query.setString(1, dossierId);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                Timestamp at = row.getTimestamp(1);
                return at == null ? null : at.toInstant();
            }
        }
    }

    private static String view(MotcuaSide side, DossierPlan plan) {
        try {
            return side.view(plan.dossierId());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(FIRE_TIMEOUT);
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waited %s", FIRE_TIMEOUT).isBefore(deadline);
            Thread.sleep(100);
        }
    }
}
