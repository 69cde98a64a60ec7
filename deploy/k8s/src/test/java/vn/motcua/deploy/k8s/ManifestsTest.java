package vn.motcua.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The shipped manifests, compose file and Dockerfiles pass every rule, and the checks did see them. */
class ManifestsTest {

    @Test
    void kubernetesBaseAndOverlaysParseWithoutUnknownFieldsAndFollowTheRules() {
        ManifestValidator.Report report = ManifestValidator.validate(Repo.K8S);

        assertThat(report.problems()).isEmpty();
        assertThat(report.count("Deployment")).isEqualTo(4); // the three services and Keycloak
        assertThat(report.count("Service")).isEqualTo(4);
        assertThat(report.count("HorizontalPodAutoscaler")).isEqualTo(3);
        assertThat(report.count("PodDisruptionBudget")).isEqualTo(3);
        assertThat(report.count("Job")).isEqualTo(1);
        assertThat(report.count("Secret")).isEqualTo(7); // 3 database logins, master key, Keycloak x2; keycloak-db
        assertThat(report.count("Namespace")).isEqualTo(1);
        assertThat(report.count("NetworkPolicy")).isEqualTo(2);
        assertThat(report.count("Ingress")).isEqualTo(1);
        assertThat(report.patches()).extracting(o -> o.getKind() + "/" + o.getMetadata().getName())
                .contains("Deployment/intake-service", "Deployment/workflow-service", "Deployment/reporting-service",
                        "HorizontalPodAutoscaler/workflow-service", "HorizontalPodAutoscaler/reporting-service",
                        "Deployment/keycloak", "ConfigMap/keycloak-config", "ConfigMap/motcua-identity");
    }

    @Test
    void theRealmExportPutsRolesOfficesAndAudienceIntoAccessTokensAndHoldsNoSecret() {
        RealmExportValidator.Result realm = RealmExportValidator.validate("motcua-realm.json",
                Repo.read(Repo.REALM));

        assertThat(realm.problems()).isEmpty();
        assertThat(realm.placeholders()).contains("MOTCUA_COUNTER_CLIENT_SECRET", "MOTCUA_PORTAL_CLIENT_SECRET",
                "MOTCUA_PROMETHEUS_CLIENT_SECRET", "MOTCUA_EXAMPLE_USER_PASSWORD");
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
