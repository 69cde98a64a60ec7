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
            base/config.yaml | 'MOTCUA_SECURITY_ISSUER: http://keycloak:8080/realms/motcua' | 'MOTCUA_SECURITY_ISSUER: http://localhost:8080/realms/motcua' | but Keycloak's tokens carry iss http://keycloak:8080/realms/motcua
            base/config.yaml | '  MOTCUA_SECURITY_JWK_SET_URI: http://keycloak:8080/realms/motcua/protocol/openid-connect/certs\\n' | '' | MOTCUA_SECURITY_JWK_SET_URI is not set
            base/config.yaml | 'http://keycloak:8080/realms/motcua/protocol/openid-connect/certs' | 'http://keycloak:8080/realms/motcua/protocol/openid-connect/jwks' | is not Keycloak's JWKS
            base/intake-service.yaml | '              valueFrom:\\n                secretKeyRef:\\n                  name: intake-personal-data\\n                  key: master-key' | '              value: q4cQnH0ms5HFiI4Pp4tqpt2+NkNFJ8Dx3nOD7xKxzQs=' | MOTCUA_PERSONAL_DATA_MASTER_KEY must come from a Secret (secretKeyRef), not be written in the manifest
            base/secrets.yaml | 'master-key: CHANGE-ME' | 'master-key: q4cQnH0ms5HFiI4Pp4tqpt2+NkNFJ8Dx3nOD7xKxzQs=' | Secret/intake-personal-data: 'master-key' holds a real-looking value
            base/keycloak.yaml | '            - name: MOTCUA_PORTAL_CLIENT_SECRET\\n              valueFrom:\\n                secretKeyRef:\\n                  name: keycloak-clients\\n                  key: portal-client-secret\\n' | '' | the realm export needs MOTCUA_PORTAL_CLIENT_SECRET at import
            base/keycloak.yaml | 'path: /health/ready' | 'path: /ready' | readinessProbe must be an HTTP GET on /health or below it
            base/keycloak.yaml | 'name: keycloak-realm' | 'name: keycloak-realms' | refers to missing ConfigMap keycloak-realms
            base/kustomization.yaml | '- keycloak/motcua-realm.json' | '- keycloak/realm.json' | file 'keycloak/realm.json' does not exist
            base/keycloak/motcua-realm.json | '\"claim.name\": \"offices\"' | '\"claim.name\": \"office\"' | client motcua-counter: no mapper puts 'offices'
            base/keycloak/motcua-realm.json | '\"claim.name\": \"roles\"' | '\"claim.name\": \"realm_roles\"' | client motcua-counter: no mapper puts 'roles'
            base/keycloak/motcua-realm.json | '\"included.custom.audience\": \"motcua\"' | '\"included.custom.audience\": \"account\"' | no audience mapper adds 'motcua'
            base/keycloak/motcua-realm.json | '\"secret\": \"${MOTCUA_COUNTER_CLIENT_SECRET}\"' | '\"secret\": \"counter-s3cret\"' | client motcua-counter: secret is written in the file
            base/keycloak/motcua-realm.json | '\"pkce.code.challenge.method\": \"S256\"' | '\"pkce.code.challenge.method\": \"plain\"' | client motcua-console: a public client must require PKCE with S256
            base/keycloak/motcua-realm.json | '\"accessTokenLifespan\": 900' | '\"accessTokenLifespan\": 3600' | accessTokenLifespan 3600 s is longer than 900 s
            base/keycloak/motcua-realm.json | '\"realm\": \"motcua\",' | '\"realm\": \"motcua\",,' | not valid JSON
            base/network-policies.yaml | 'values: [intake-service, workflow-service, reporting-service]' | 'values: [intake-service, workflow-service]' | Deployment/reporting-service: no NetworkPolicy limits who may connect to its pods
            base/network-policies.yaml | '- port: management' | '- port: metrics' | port 'metrics' is not a named port of Deployment/keycloak
            overlays/production/patches/keycloak-deployment.yaml | 'args: [\"start\", \"--import-realm\"]' | 'args: [\"start-dev\", \"--import-realm\"]' | production must run `start`, not `start-dev`
            overlays/production/patches/keycloak-deployment.yaml | '            - name: KC_DB\\n              value: postgres\\n' | '' | production needs a real database (KC_DB)
            overlays/production/patches/identity-config.yaml | 'https://id.example.gov.vn/realms/motcua' | 'https://id.example.gov.vn/auth/realms/motcua' | but Keycloak's tokens carry iss https://id.example.gov.vn/realms/motcua
            overlays/production/patches/keycloak-config.yaml | 'KC_HOSTNAME: https://id.example.gov.vn' | 'KC_HOSTNAME: https://sso.example.gov.vn' | but Keycloak's tokens carry iss https://sso.example.gov.vn/realms/motcua
            overlays/production/ingress.yaml | '- path: /api/v1/reports' | '- path: /api/v1' | exposes /api/v1/projections
            overlays/production/ingress.yaml | '- path: /realms' | '- path: /' | exposes /admin
            overlays/production/ingress.yaml | '- path: /api/v1/offices' | '- path: /prometheus' | exposes /prometheus
            overlays/production/ingress.yaml | 'name: reporting-service' | 'name: reports-service' | backend Service 'reports-service' does not exist
            overlays/production/secrets.yaml | 'password: CHANGE-ME' | 'password: Zx8#rTq2!pLm9vWk' | Secret/keycloak-db: 'password' holds a real-looking value
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
            'MOTCUA_SECURITY_ISSUER: http://keycloak:8080/realms/motcua' | 'MOTCUA_SECURITY_ISSUER: http://localhost:8080/realms/motcua' | intake-service: MOTCUA_SECURITY_ISSUER is http://localhost:8080/realms/motcua but Keycloak's tokens carry iss http://keycloak:8080/realms/motcua
            'KC_HOSTNAME: http://keycloak:8080' | 'KC_HOSTNAME: http://localhost:8080' | but Keycloak's tokens carry iss http://localhost:8080/realms/motcua
            '/realms/motcua/protocol/openid-connect/certs' | '/realms/motcua/protocol/openid-connect/jwks' | intake-service: MOTCUA_SECURITY_JWK_SET_URI http://keycloak:8080/realms/motcua/protocol/openid-connect/jwks is not Keycloak's JWKS
            'MOTCUA_PERSONAL_DATA_MASTER_KEY: \"${MOTCUA_PERSONAL_DATA_MASTER_KEY' | 'MOTCUA_PERSONAL_DATA_MASTER_KEY: \"q4cQnH0ms5HFiI4Pp4tqpt2+NkNFJ8Dx3nOD7xKxzQs=\" #' | intake-service: MOTCUA_PERSONAL_DATA_MASTER_KEY is written in the file
            '      MOTCUA_PORTAL_CLIENT_SECRET: ${MOTCUA_PORTAL_CLIENT_SECRET:-portal-secret}\\n' | '' | keycloak: the realm export needs MOTCUA_PORTAL_CLIENT_SECRET at import
            'command: [\"start-dev\", \"--import-realm\"]' | 'command: [\"start-dev\"]' | keycloak: must start with --import-realm
            '../k8s/base/keycloak/motcua-realm.json:' | '../k8s/base/keycloak/realm.json:' | keycloak: no realm export file mounted
            """)
    void aBrokenComposeFileIsReported(String from, String to, String expected, @TempDir Path tmp) {
        Repo.copy(Repo.ROOT.resolve("deploy/compose"), tmp.resolve("deploy/compose"));
        Repo.copy(Repo.REALM, tmp.resolve("deploy/k8s/base/keycloak/motcua-realm.json"));
        for (ComposeValidator.App app : ComposeValidator.APPS) {
            Repo.copy(Repo.ROOT.resolve(app.name() + "/Dockerfile"), tmp.resolve(app.name() + "/Dockerfile"));
        }
        Path compose = tmp.resolve("deploy/compose/docker-compose.yml");
        assertThat(ComposeValidator.validate(compose)).as("the unbroken copy").isEmpty();

        Repo.replaceFirst(compose, unescape(from), unescape(to));

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
