package vn.motcua.spring.edge;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;
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

    /** The {@code type} segment and {@code title} of each status the edge answers. */
    public static Map<String, Object> body(int status, String instance, List<FieldProblem> errors) {
        HttpStatus known = HttpStatus.resolve(status);
        String reason = known == null ? "Error" : known.getReasonPhrase();
        String type;
        String title;
        String detail;
        if (status == 400 && errors != null) {
            type = "invalid-input";
            title = "Invalid request";
            detail = ProblemAdviceSupport.summary(errors);
        } else if (status == 413) {
            type = "too-large";
            title = "Request too large";
            detail = errors == null ? "the request is larger than this service accepts"
                    : ProblemAdviceSupport.summary(errors);
        } else if (status >= 500) {
            type = "internal";
            title = "Internal error";
            detail = "the request could not be completed; it has been logged";
        } else {
            type = String.valueOf(status);
            title = reason;
            detail = status == 400 ? "the request line or headers are malformed (invalid path or encoding)"
                    : reason;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", ProblemAdviceSupport.TYPE_BASE + type);
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
