package vn.motcua.spring.edge;

import java.util.List;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The edge every Spring service shares (imported by {@code ResourceServerSupport}): request targets checked
 * ({@link RequestTargetFilter}), bodies bounded ({@link BodySizeLimitFilter}, 413), strings of bodies cleaned
 * ({@link CleanBodyAdvice}), and the container's own errors as problem+json ({@link ProblemErrorReportValve},
 * {@link ProblemErrorController}). Both filters run before security: bad input is refused without work.
 */
@Configuration(proxyBeanMethods = false)
public class EdgeSupport {

    /**
     * {@code motcua.http.max-body-bytes} (intake's older {@code motcua.intake.max-body-bytes} still read);
     * {@code motcua.http.streaming-paths}: prefixes whose bodies are streamed and bounded by their own reader.
     */
    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
            @Value("${motcua.http.max-body-bytes:${motcua.intake.max-body-bytes:65536}}") long limit,
            @Value("${motcua.http.streaming-paths:/api/v1/imports}") List<String> streamingPaths) {
        FilterRegistrationBean<BodySizeLimitFilter> registration =
                new FilterRegistrationBean<>(new BodySizeLimitFilter(limit, streamingPaths));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** {@code motcua.http.max-parameter-chars}: the longest path segment or query parameter value (decoded). */
    @Bean
    FilterRegistrationBean<RequestTargetFilter> requestTargetFilter(
            @Value("${motcua.http.max-parameter-chars:1000}") int maxChars) {
        FilterRegistrationBean<RequestTargetFilter> registration =
                new FilterRegistrationBean<>(new RequestTargetFilter(maxChars));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
    }

    @Bean
    CleanBodyAdvice cleanBodyAdvice() {
        return new CleanBodyAdvice();
    }

    @Bean
    ProblemErrorController problemErrorController() {
        return new ProblemErrorController();
    }

    /** Tomcat's HTML error page replaced on the host, whatever valve Spring Boot or Tomcat would add. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                host.addLifecycleListener(event -> {
                    if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                        useProblemValve(host);
                    }
                });
            }
        });
    }

    static void useProblemValve(StandardHost host) {
        boolean present = false;
        for (Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ProblemErrorReportValve) {
                present = true;
            } else if (valve instanceof ErrorReportValve) {
                host.getPipeline().removeValve(valve);
            }
        }
        if (!present) {
            host.getPipeline().addValve(new ProblemErrorReportValve());
        }
    }

    /**
     * An enum is named, never numbered: {"rating": 2} must be a 400 naming the field, not the third value of a list
     * whose order nobody promised.
     */
    @Bean
    public org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer enumsByNameOnly() {
        return builder -> builder.enable(tools.jackson.databind.cfg.EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
    }
}
