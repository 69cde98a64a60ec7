package vn.motcua.spring.edge;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;
import vn.motcua.access.ProblemType;
import vn.motcua.spring.web.FieldProblem;
import vn.motcua.spring.web.ProblemAdviceSupport;

/**
 * The problem+json bodies written outside Spring MVC (filters, the servlet container's own errors): the same shape
 * as {@link ProblemAdviceSupport}'s, serialised by Jackson, never a stack trace or an exception message.
 */
public final class EdgeProblems {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EdgeProblems() {
    }

    /** The problem of each status the edge answers, in the shared vocabulary ({@link ProblemType}). */
    public static Map<String, Object> body(int status, String instance, List<FieldProblem> errors) {
        String type;
        String title;
        String detail;
        if (status == 400 && errors != null) {
            type = ProblemType.INVALID_INPUT.uri();
            title = ProblemType.INVALID_INPUT.title();
            detail = ProblemAdviceSupport.summary(errors);
        } else if (status == 413) {
            type = ProblemType.TOO_LARGE.uri();
            title = ProblemType.TOO_LARGE.title();
            detail = errors == null ? "the request is larger than this service accepts"
                    : ProblemAdviceSupport.summary(errors);
        } else if (status == 503) {
            type = ProblemType.SERVICE_UNAVAILABLE.uri();
            title = ProblemType.SERVICE_UNAVAILABLE.title();
            detail = ProblemAdviceSupport.OUTAGE_DETAIL;
        } else if (status >= 500) {
            type = ProblemType.INTERNAL.uri();
            title = ProblemType.INTERNAL.title();
            detail = "the request could not be completed; it has been logged";
        } else {
            HttpStatus known = HttpStatus.resolve(status);
            type = ProblemType.forStatus(status);
            title = known == null ? "Error" : known.getReasonPhrase();
            detail = status == 400 ? "the request line or headers are malformed (invalid path or encoding)" : title;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        if (instance != null) {
            body.put("instance", instance);
        }
        if (errors != null) {
            body.put("errors", errors);
        }
        return body;
    }

    public static byte[] bytes(Map<String, Object> body) {
        return JSON.writeValueAsBytes(body);
    }

    /** Writes the answer unless the response is already committed. */
    public static void write(HttpServletResponse response, int status, String instance, List<FieldProblem> errors)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        byte[] bytes = bytes(body(status, instance, errors));
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}
