package vn.motcua.deploy.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The checks are not vacuous: each kind of mistake an operator could make is reported. */
class BrokenManifestsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              replicas: 2
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: demo:1
                      readinessProbe:
                        httpGet: {path: /health, port: 8080}
            """;

    @Test
    void aValidManifestStringParsesClean() {
        List<KubernetesYaml.Parsed> parsed = KubernetesYaml.parse("inline", DEPLOYMENT);

        assertThat(parsed).singleElement().satisfies(p -> {
            assertThat(p.problems()).isEmpty();
            assertThat(p.id()).isEqualTo("Deployment/demo");
        });
    }

    @Test
    void aMisspelledFieldIsReportedWithItsPath() {
        String broken = DEPLOYMENT.replace("readinessProbe:", "readinesProbe:");

        assertThat(problems(broken))
                .containsExactly("inline: Deployment/demo: unknown field 'spec.template.spec.containers[0].readinesProbe'");
    }

    @Test
    void aMisspelledFieldDeepInTheTreeIsReported() {
        String broken = DEPLOYMENT.replace("httpGet: {path: /health, port: 8080}", "httpGet: {path: /health, prot: 8080}");

        assertThat(problems(broken)).singleElement().asString().contains("unknown field", "readinessProbe.httpGet.prot");
    }

    @Test
    void aValueOfTheWrongTypeIsReported() {
        assertThat(problems(DEPLOYMENT.replace("replicas: 2", "replicas: two")))
                .singleElement().asString().contains("not a valid Deployment");
    }

    @Test
    void anOutdatedApiVersionIsRefused() {
        String hpa = """
                apiVersion: autoscaling/v1
                kind: HorizontalPodAutoscaler
                metadata: {name: demo}
                spec: {maxReplicas: 3, scaleTargetRef: {kind: Deployment, name: demo}}
                """;

        assertThat(problems(hpa)).singleElement().asString().contains("unsupported apiVersion/kind 'autoscaling/v1/");
    }

    @Test
    void aKeyGivenTwiceIsRefused() {
        assertThat(problems(DEPLOYMENT.replace("  replicas: 2\n", "  replicas: 2\n  replicas: 3\n")))
                .singleElement().asString().contains("not valid YAML", "replicas");
    }

    @ParameterizedTest(name = "{0}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            base/intake-service.yaml | 'readinessProbe:' | 'readinesProbe:' | no readinessProbe
            base/intake-service.yaml | 'readinessProbe:' | 'readinesProbe:' | unknown field 'spec.template.spec.containers[0].readinesProbe'
            base/workflow-service.yaml | 'livenessProbe:\\n            httpGet:\\n              path: /health' | 'livenessProbe:\\n            httpGet:\\n              path: /actuator/health' | livenessProbe must be an HTTP GET on /health
            base/workflow-service.yaml | 'port: http\\n            periodSeconds: 10' | 'port: 9090\\n            periodSeconds: 10' | readinessProbe port 9090 is not a port of the container
            base/intake-service.yaml | 'limits:\\n              cpu: \"2\"\\n' | 'limits:\\n' | no cpu limits
            base/intake-service.yaml | 'memory: 768Mi' | 'memory: 768mi' | '768mi' is not a quantity
            base/reporting-service.yaml | 'runAsNonRoot: true' | 'runAsNonRoot: false' | runAsNonRoot is not true
            base/reporting-service.yaml | 'allowPrivilegeEscalation: false' | 'allowPrivilegeEscalation: true' | allowPrivilegeEscalation must be false
            base/intake-service.yaml | '- name: tmp\\n              mountPath: /tmp' | '- name: tmp\\n              mountPath: /scratch' | needs a writable /tmp
            base/reporting-service.yaml | 'kind: Deployment\\n    name: reporting-service' | 'kind: Deployment\\n    name: reporting' | scaleTargetRef Deployment/reporting is not an existing Deployment
            base/intake-service.yaml | 'type: ClusterIP\\n  selector:\\n    app.kubernetes.io/name: intake-service' | 'type: ClusterIP\\n  selector:\\n    app.kubernetes.io/name: intake' | Service/intake-service: selector {app.kubernetes.io/name=intake} matches no Deployment's pods
            base/workflow-service.yaml | 'minAvailable: 1\\n  selector:\\n    matchLabels:\\n      app.kubernetes.io/name: workflow-service' | 'minAvailable: 1\\n  selector:\\n    matchLabels:\\n      app: workflow-service' | PodDisruptionBudget/workflow-service: selector {app=workflow-service} matches no Deployment's pods
            base/secrets.yaml | 'name: workflow-db' | 'name: workflow-database' | refers to missing Secret key workflow-db/username
            base/config.yaml | 'AXONIQ_UPDATE_CHECKER_DISABLED: \"true\"' | 'AXONIQ_UPDATE_CHECKER_DISABLED: \"false\"' | AXONIQ_UPDATE_CHECKER_DISABLED=true is not set
            base/topics-job.yaml | 'create motcua.dossier.workflow.v1' | 'create motcua.dossier.workflw.v1' | does not create contract topic motcua.dossier.workflow.v1
            base/topics-job.yaml | ' --config retention.ms=-1' | '' | topics must keep every event
            base/kustomization.yaml | '- topics-job.yaml' | '- topic-job.yaml' | resource 'topic-job.yaml' does not exist
            base/kustomization.yaml | '- topics-job.yaml' | '- topic-job.yaml' | base/topics-job.yaml: not listed in any kustomization.yaml
            base/kustomization.yaml | 'resources:' | 'resource:' | unknown field 'resource'
            overlays/production/kustomization.yaml | 'path: patches/intake-service-hpa.yaml' | 'path: patches/intake-hpa.yaml' | patch 'patches/intake-hpa.yaml' does not exist
            overlays/production/patches/workflow-service-hpa.yaml | 'name: workflow-service' | 'name: workflow' | patch targets HorizontalPodAutoscaler/workflow, which is not among the resources
            overlays/production/patches/reporting-service-hpa.yaml | 'maxReplicas: 12' | 'maxReplicas: 24' | maxReplicas 24 exceeds the 12 dossier-topic partitions
            overlays/production/patches/intake-service-deployment.yaml | 'memory: 2Gi' | 'memroy: 2Gi' | unknown resource 'memroy' in requests
            overlays/production/patches/intake-service-deployment.yaml | 'resources:' | 'resource:' | unknown field 'spec.template.spec.containers[0].resource'
            overlays/production/kustomization.yaml | '- name: motcua/intake-service' | '- name: motcua/intake' | image override 'motcua/intake' matches no container image
            """)
    void aBrokenKubernetesManifestIsReported(String file, String from, String to, String expected, @TempDir Path tmp) {
        Path k8s = tmp.resolve("k8s");
        Repo.copy(Repo.K8S.resolve("base"), k8s.resolve("base"));
        Repo.copy(Repo.K8S.resolve("overlays"), k8s.resolve("overlays"));
        assertThat(ManifestValidator.validate(k8s).problems()).as("the unbroken copy").isEmpty();

        Repo.replaceFirst(k8s.resolve(file), unescape(from), unescape(to));

        assertThat(ManifestValidator.validate(k8s).problems()).anySatisfy(p -> assertThat(p).contains(expected));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            'jdbc:postgresql://postgres:5432/workflow' | 'jdbc:postgresql://postgres:5432/intake' | shares database 'intake'
            'jdbc:postgresql://postgres:5432/reporting' | 'jdbc:postgresql://postgres:5432/reports' | database 'reports' is not created
            'start_period: 120s' | 'start_periode: 120s' | unknown healthcheck key 'start_periode'
            'mem_limit: 1g' | 'memlimit: 1g' | reporting-service: unknown key 'memlimit'
            'condition: service_completed_successfully' | 'condition: service_started' | with condition service_completed_successfully
            'http://127.0.0.1:8083/health' | 'http://127.0.0.1:8083/' | reporting-service: healthcheck must call /health
            'dockerfile: workflow-service/Dockerfile' | 'dockerfile: workflow-service/Dockerfil' | workflow-service: must be built from workflow-service/Dockerfile
            '- postgres-data:/var/lib/postgresql/data' | '- /tmp/pg:/var/lib/postgresql/data' | not on a named volume
            'motcua.dossier.intake.v1 motcua.dossier.workflow.v1' | 'motcua.dossier.intake.v1' | kafka-topics: does not create contract topic motcua.dossier.workflow.v1
            ' --config retention.ms=-1' | '' | kafka-topics: topics must keep every event
            'MOTCUA_KAFKA_BOOTSTRAP_SERVERS: kafka:9092' | 'MOTCUA_KAFKA_BOOTSTRAP_SERVERS: broker:9092' | intake-service: MOTCUA_KAFKA_BOOTSTRAP_SERVERS 'broker:9092' is not a compose service
            """)
    void aBrokenComposeFileIsReported(String from, String to, String expected, @TempDir Path tmp) {
        Repo.copy(Repo.ROOT.resolve("deploy/compose"), tmp.resolve("deploy/compose"));
        for (ComposeValidator.App app : ComposeValidator.APPS) {
            Repo.copy(Repo.ROOT.resolve(app.name() + "/Dockerfile"), tmp.resolve(app.name() + "/Dockerfile"));
        }
        Path compose = tmp.resolve("deploy/compose/docker-compose.yml");
        assertThat(ComposeValidator.validate(compose)).as("the unbroken copy").isEmpty();

        Repo.replaceFirst(compose, from, to);

        assertThat(ComposeValidator.validate(compose)).anySatisfy(p -> assertThat(p).contains(expected));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            'USER 10001:10001' | 'USER root' | must end with a numeric non-root USER
            'FROM eclipse-temurin:25-jre-alpine' | 'FROM eclipse-temurin:21-jdk' | base image must be eclipse-temurin:25-jre
            '/health' | '/actuator/health' | HEALTHCHECK must call /health
            'EXPOSE 8082' | 'EXPOSE 8080' | must EXPOSE 8082
            '-XX:MaxRAMPercentage=75' | '-Xmx512m' | -XX:MaxRAMPercentage
            """)
    void aBrokenDockerfileIsReported(String from, String to, String expected, @TempDir Path tmp) {
        Path dockerfile = tmp.resolve("Dockerfile");
        Repo.copy(Repo.ROOT.resolve("workflow-service/Dockerfile"), dockerfile);
        Repo.replaceFirst(dockerfile, from, to);

        assertThat(DockerfileValidator.validate("workflow-service", 8082, Repo.read(dockerfile)))
                .anySatisfy(p -> assertThat(p).contains(expected));
    }

    private static List<String> problems(String yaml) {
        return KubernetesYaml.parse("inline", yaml).stream().flatMap(p -> p.problems().stream()).toList();
    }

    private static String unescape(String text) {
        return text.replace("\\n", "\n");
    }
}
