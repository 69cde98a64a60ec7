package vn.motcua.spring.web;

import java.util.Set;
import java.util.TreeSet;
import org.springframework.context.ApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping;

/**
 * Every handler a Spring service registered (controllers, actuator, the OpenAPI document and its UI), as
 * "METHOD pattern": what the access-rule and endpoint-mutation tests enumerate, so that an endpoint without a row in
 * their tables fails them.
 */
public final class Endpoints {
    private Endpoints() {
    }

    /** @param anyMethod the word written for a handler that takes every method ({@code *} or {@code ANY}) */
    public static Set<String> of(ApplicationContext context, String anyMethod) {
        Set<String> endpoints = new TreeSet<>();
        for (RequestMappingInfoHandlerMapping mapping
                : context.getBeansOfType(RequestMappingInfoHandlerMapping.class).values()) {
            for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (String pattern : info.getPatternValues()) {
                    if (methods.isEmpty()) {
                        endpoints.add(anyMethod + " " + pattern);
                    }
                    methods.forEach(m -> endpoints.add(m.name() + " " + pattern));
                }
            }
        }
        return endpoints;
    }
}
