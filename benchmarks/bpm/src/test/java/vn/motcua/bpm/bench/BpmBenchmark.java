package vn.motcua.bpm.bench;

import org.junit.jupiter.api.Test;

/**
 * The JUnit entry of the BPM benchmark ({@link vn.motcua.bpm.BpmBenchmark}, a main), so that it runs the one way
 * every benchmark runs: {@code ./mvnw -pl benchmarks/bpm test -Pbenchmark -Dbenchmark=BpmBenchmark
 * -Dbench.lifecycles=3000 ...}, after workflow-service and deploy/oidc are packaged. Same simple name on purpose:
 * {@code -Dbenchmark} names a class. Nothing is asserted; the build never runs it (its name is no test's).
 */
class BpmBenchmark {
    @Test
    void run() throws Exception {
        vn.motcua.bpm.BpmBenchmark.main(new String[0]);
    }
}
