package vn.motcua.reporting;

import io.micronaut.runtime.Micronaut;

/** Reporting service: projects the motcua topics into PostgreSQL and answers per-office statistics. */
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
