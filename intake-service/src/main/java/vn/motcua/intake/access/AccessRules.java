package vn.motcua.intake.access;

import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;
import static vn.motcua.access.Role.ADMIN;
import static vn.motcua.access.Role.CLERK;
import static vn.motcua.access.Role.OFFICER;
import static vn.motcua.spring.security.OfficeAccess.roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import vn.motcua.access.OfficeTree;
import vn.motcua.spring.security.OfficeAccess;
import vn.motcua.spring.security.ProblemResponses;
import vn.motcua.spring.security.ResourceServerSupport;

/**
 * Who may call what in intake: the contract's role table ("Access"), in this one place. Offices come from the
 * request body ({@link vn.motcua.spring.security.OfficeScopedBody}), from each line of a bulk import (checked by the
 * import), or from the dossier's record. Whatever is not named here is denied.
 */
@Configuration(proxyBeanMethods = false)
@Import(ResourceServerSupport.class)
class AccessRules {

    @Bean
    OfficeAccess officeAccess(OfficeTree officeTree) {
        return new OfficeAccess(officeTree);
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemResponses problems, OfficeAccess access,
                                            DossierOffices dossiers) throws Exception {
        return ResourceServerSupport.filterChain(http, problems, rules -> rules
                // the catalogue: anyone signed in reads it, only an admin changes it
                .requestMatchers(GET, "/api/v1/offices", "/api/v1/procedures").authenticated()
                .requestMatchers(PUT, "/api/v1/offices/*", "/api/v1/procedures/*").access(roles(ADMIN))
                .requestMatchers(POST, "/api/v1/imports/catalogue").access(roles(ADMIN))
                // receipt: the office is the body's (single) or each line's (bulk import)
                .requestMatchers(POST, "/api/v1/dossiers").access(roles(CLERK))
                .requestMatchers(POST, "/api/v1/imports/dossiers").access(roles(CLERK))
                // personal data: audit and erasure (admin), before the reads below so the paths never overlap
                .requestMatchers(GET, "/api/v1/audit/personal-data").access(roles(ADMIN))
                .requestMatchers(DELETE, "/api/v1/dossiers/{dossierId}/applicant").access(roles(ADMIN))
                // search: the queried office (and, for scope=subtree, what is below it) must be in scope
                .requestMatchers(GET, "/api/v1/dossiers")
                .access(access.rolesAndOffice(OfficeAccess.parameter("officeId"), CLERK, OFFICER))
                // by code: the office of the dossier with that code (before {dossierId}/receipt, which it resembles)
                .requestMatchers(GET, "/api/v1/dossiers/by-code/{code}")
                .access(access.rolesAndOffice(context -> dossiers.officeOfCode(context.getVariables().get("code")),
                        CLERK, OFFICER))
                // corrections and cancellation: the desk's clerks of the dossier's office
                .requestMatchers(POST, "/api/v1/dossiers/{dossierId}/corrections",
                        "/api/v1/dossiers/{dossierId}/cancellation")
                .access(access.rolesAndOffice(context -> dossiers.officeOf(context.getVariables().get("dossierId")),
                        CLERK))
                // intake records and receipt slips: the dossier's office must be in scope
                .requestMatchers(GET, "/api/v1/dossiers/{dossierId}", "/api/v1/dossiers/{dossierId}/receipt")
                .access(access.rolesAndOffice(context -> dossiers.officeOf(context.getVariables().get("dossierId")),
                        CLERK, OFFICER))
                // operations
                .requestMatchers(GET, "/prometheus", "/info").access(roles(ADMIN))
                // the OpenAPI document as YAML is as public as its JSON (the shared public paths name only JSON),
                // and so is Swagger UI on it (its page, scripts and styles hold no data)
                .requestMatchers(GET, "/openapi.json.yaml", "/swagger-ui.html", "/swagger-ui/**").permitAll());
    }
}
