package vn.motcua.workflow.access;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.support.TransactionTemplate;
import vn.motcua.access.Role;
import vn.motcua.spring.security.OfficeAccess;
import vn.motcua.spring.security.ProblemResponses;
import vn.motcua.spring.security.ResourceServerSupport;
import vn.motcua.workflow.catalogue.CatalogueConsumer;
import vn.motcua.workflow.catalogue.CatalogueOfficeTree;
import vn.motcua.workflow.catalogue.OfficeTable;
import vn.motcua.workflow.catalogue.ProcedureTable;
import vn.motcua.workflow.dossier.DossierQueries;
import vn.motcua.workflow.kafka.KafkaSettings;
import vn.motcua.workflow.petition.PetitionQueries;
import vn.motcua.workflow.search.DossierSearch;

/**
 * Who may call what (CONTRACT.md, "Access"): the whole table of the workflow service, here and nowhere else.
 * <ul>
 *   <li>every dossier command and read, the apology letters (form 04) and the printable documents (forms 02, 03,
 *       05: {@code .../documents/supplement-request}, {@code refusal}, {@code control-slip}): {@code officer}, for
 *       a dossier of its
 *       offices (the dossier's office from the read model; an unknown dossier passes, to answer 404 as before);
 *   <li>the dossier list ({@code GET /api/v1/dossiers?officeId=}): {@code officer} with {@code officeId} in scope;
 *       by code ({@code /api/v1/dossiers/by-code/{code}}): {@code officer} of the dossier's office (unknown passes, 404);
 *   <li>the history import: {@code officer} (each line's dossier checked against the caller's offices);
 *   <li>the citizens' lookup {@code GET /api/v1/public/**}: public (code + PIN, rate-limited);
 *   <li>the worklists (dossiers, and overdue petitions): {@code officer}, for an office in scope
 *       ({@code {officeId}} of the path);
 *   <li>petitions: {@code officer}; a new one for the office its body names ({@code OfficeScopedBody}, checked
 *       before the controller), an existing one for its office from the read model (unknown passes, to 404);
 *   <li>metrics ({@code /prometheus}): {@code admin};
 *   <li>health, the OpenAPI document (JSON, and YAML at {@code /openapi.json.yaml}) and Swagger UI on it
 *       ({@code /swagger-ui.html}, {@code /swagger-ui/**}): public; anything else: denied, to every role.
 * </ul>
 * {@code admin} holds every role. Offices are walked up the catalogue's tree ({@link CatalogueOfficeTree}).
 */
@Configuration(proxyBeanMethods = false)
@Import(ResourceServerSupport.class)
public class AccessRules {

    @Bean
    public SecurityFilterChain securityFilterChain(HttpSecurity http, ProblemResponses problems, OfficeAccess access,
                                                   DossierQueries dossiers, PetitionQueries petitions,
                                                   DossierSearch search)
            throws Exception {
        return ResourceServerSupport.filterChain(http, problems, rules -> rules
                // Before the {dossierId} rows, which would read "by-code" as a dossier id.
                .requestMatchers(HttpMethod.GET, "/api/v1/dossiers/by-code/{code}")
                .access(access.rolesAndOffice(
                        context -> search.officeOfCode(context.getVariables().get("code")).orElse(null),
                        Role.OFFICER))
                .requestMatchers(HttpMethod.GET, "/api/v1/dossiers")
                .access(access.rolesAndOffice(OfficeAccess.parameter("officeId"), Role.OFFICER))
                // Each line's dossier is checked against the caller's offices by the import itself (line errors).
                .requestMatchers(HttpMethod.POST, "/api/v1/imports/dossier-histories")
                .access(OfficeAccess.roles(Role.OFFICER))
                // The citizens' status lookup: code + PIN, rate-limited, no personal data.
                .requestMatchers(HttpMethod.GET, "/api/v1/public/**")
                .permitAll()
                .requestMatchers("/api/v1/dossiers/{dossierId}", "/api/v1/dossiers/{dossierId}/**")
                .access(access.rolesAndOffice(
                        context -> dossiers.officeOf(context.getVariables().get("dossierId")).orElse(null),
                        Role.OFFICER))
                .requestMatchers("/api/v1/worklists/{officeId}", "/api/v1/worklists/{officeId}/petitions")
                .access(access.rolesAndOffice(OfficeAccess.pathVariable("officeId"), Role.OFFICER))
                .requestMatchers(HttpMethod.POST, "/api/v1/petitions")
                .access(OfficeAccess.roles(Role.OFFICER))
                .requestMatchers("/api/v1/petitions/{petitionId}", "/api/v1/petitions/{petitionId}/**")
                .access(access.rolesAndOffice(
                        context -> petitions.officeOf(context.getVariables().get("petitionId")).orElse(null),
                        Role.OFFICER))
                .requestMatchers("/prometheus")
                .access(OfficeAccess.roles(Role.ADMIN))
                // The same OpenAPI document in YAML (springdoc serves both), and Swagger UI on it (its page,
                // scripts and styles hold no data): public like the JSON one.
                .requestMatchers(HttpMethod.GET, "/openapi.json.yaml", "/swagger-ui.html", "/swagger-ui/**")
                .permitAll());
    }

    @Bean
    public OfficeAccess officeAccess(CatalogueOfficeTree officeTree) {
        return new OfficeAccess(officeTree);
    }

    @Bean
    public OfficeTable officeTable(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new OfficeTable(jdbc, transactions);
    }

    /** Read per check from a copy at most {@code motcua.security.office-tree-max-age} old (default 5 s). */
    @Bean
    public CatalogueOfficeTree officeTree(OfficeTable offices, Clock clock,
                                          @Value("${motcua.security.office-tree-max-age:PT5S}") Duration maxAge) {
        return new CatalogueOfficeTree(offices, clock, maxAge);
    }

    /** The procedures' names and statutory times, for the printed forms. */
    @Bean
    public ProcedureTable procedureTable(JdbcTemplate jdbc) {
        return new ProcedureTable(jdbc);
    }

    /** Its own group, so the intake consumer's offsets and this one's never mix. */
    @Bean
    @ConditionalOnProperty(name = "motcua.kafka.catalogue-enabled", havingValue = "true", matchIfMissing = true)
    public CatalogueConsumer catalogueConsumer(KafkaSettings settings, OfficeTable offices,
                                               ProcedureTable procedures, CatalogueOfficeTree tree) {
        return new CatalogueConsumer(settings.bootstrapServers(), settings.groupId() + "-catalogue", offices,
                procedures, tree);
    }
}
