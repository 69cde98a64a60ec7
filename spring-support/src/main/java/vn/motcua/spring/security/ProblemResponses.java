package vn.motcua.spring.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;
import vn.motcua.access.AccessProblem;

/**
 * Writes the contract's 401 and 403 answers (problem+json and {@code WWW-Authenticate}) from the security filters,
 * before any controller runs. Any {@code Authorization} header at all means the caller tried: invalid_token.
 */
public final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException authException) throws IOException {
        boolean tried = request.getHeader(HttpHeaders.AUTHORIZATION) != null;
        write(request, response, tried ? AccessProblem.invalidToken() : AccessProblem.missingToken());
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException accessDeniedException) throws IOException {
        write(request, response, forbidden(accessDeniedException));
    }

    /** The 403 for a refusal; an {@link OfficeDeniedException} names the office. */
    public static AccessProblem forbidden(AccessDeniedException e) {
        return e instanceof OfficeDeniedException office ? AccessProblem.officeOutOfScope(office.officeId())
                : AccessProblem.missingRole();
    }

    public static Map<String, Object> body(AccessProblem problem, String instance) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", problem.typeUri());
        body.put("title", problem.title());
        body.put("status", problem.status());
        body.put("detail", problem.detail());
        if (instance != null) {
            body.put("instance", instance);
        }
        return body;
    }

    private static void write(HttpServletRequest request, HttpServletResponse response, AccessProblem problem)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(problem.status());
        if (problem.wwwAuthenticate() != null) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, problem.wwwAuthenticate());
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        JSON.writeValue(response.getOutputStream(), body(problem, request.getRequestURI()));
    }
}
