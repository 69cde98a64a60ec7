package vn.motcua.reporting;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;

/** Reporting service: projects the motcua topics into PostgreSQL and answers per-office statistics. */
@OpenAPIDefinition(info = @Info(title = "motcua reporting-service", version = "v1",
        description = "Per-office statistics (form 06/VPCP/KSTT) of one-stop dossiers"))
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
