package vn.motcua.local;

import org.junit.jupiter.api.Test;

/**
 * The JUnit entry of the pipeline benchmark ({@link vn.motcua.local.bench.PipelineBenchmark}, a main), so that it
 * runs the one way every benchmark runs: {@code ./mvnw -pl deploy/local test -Pbenchmark
 * -Dbenchmark=PipelineBenchmark -Dbench.rate=500 ...}, after {@code ./mvnw -q package -DskipTests} has built the
 * jars. Same simple name on purpose: {@code -Dbenchmark} names a class. Nothing is asserted; the build never runs it
 * (its name is no test's).
 */
class PipelineBenchmark {
    @Test
    void run() throws Exception {
        vn.motcua.local.bench.PipelineBenchmark.main(new String[0]);
    }
}
