package vn.motcua.reporting;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/** Reporting service: projects the motcua topics into PostgreSQL and answers per-office statistics. */
@OpenAPIDefinition(info = @Info(title = "motcua reporting-service", version = "v1",
        description = "Per-office statistics (form 06/VPCP/KSTT) of one-stop dossiers"),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT",
        description = "An access token of the configured OpenID Provider (CONTRACT.md \"Access\")")
public final class Application {
    private Application() {
    }

    public static void main(String[] args) {
        Micronaut.run(Application.class, args);
    }
}
