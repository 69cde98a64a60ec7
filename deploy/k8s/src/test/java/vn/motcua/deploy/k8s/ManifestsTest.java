package vn.motcua.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shipped manifests, compose file and Dockerfiles pass every rule, and the checks did see them. */
class ManifestsTest {

    @Test
    void kubernetesBaseAndOverlaysParseWithoutUnknownFieldsAndFollowTheRules() {
        ManifestValidator.Report report = ManifestValidator.validate(Repo.K8S);

        assertThat(report.problems()).isEmpty();
        assertThat(report.count("Deployment")).isEqualTo(3);
        assertThat(report.count("Service")).isEqualTo(3);
        assertThat(report.count("HorizontalPodAutoscaler")).isEqualTo(3);
        assertThat(report.count("PodDisruptionBudget")).isEqualTo(3);
        assertThat(report.count("Job")).isEqualTo(1);
        assertThat(report.count("Secret")).isEqualTo(3);
        assertThat(report.count("Namespace")).isEqualTo(1);
        assertThat(report.patches()).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .contains("Deployment/intake-service", "Deployment/workflow-service", "Deployment/reporting-service",
                        "HorizontalPodAutoscaler/workflow-service", "HorizontalPodAutoscaler/reporting-service");
    }

    @Test
    void composeFileStartsThreeHealthCheckedServicesEachOnItsOwnDatabase() {
        assertThat(ComposeValidator.validate(Repo.COMPOSE)).isEmpty();
    }

    @Test
    void serviceDockerfilesRunTheJarOnJre25AsNonRootWithAHealthCheck() {
        for (ComposeValidator.App app : ComposeValidator.APPS) {
            String dockerfile = Repo.read(Repo.ROOT.resolve(app.name()).resolve("Dockerfile"));
            assertThat(DockerfileValidator.validate(app.name(), app.port(), dockerfile)).as(app.name()).isEmpty();
        }
    }
}
