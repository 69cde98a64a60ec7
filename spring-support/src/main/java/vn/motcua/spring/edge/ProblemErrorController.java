package vn.motcua.spring.edge;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vn.motcua.spring.web.FieldProblem;

/**
 * Replaces Spring Boot's /error page: errors raised outside the controllers (the servlet container's error dispatch,
 * filters) answer problem+json, never with a stack trace or an exception message. An {@link EdgeProblemException}
 * that escaped to the container keeps its status and fields.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object thrown = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        EdgeProblemException edge = thrown instanceof Throwable t
                ? vn.motcua.spring.web.ProblemAdviceSupport.causeOf(t, EdgeProblemException.class) : null;
        int status = edge != null ? edge.status().value()
                : code instanceof Integer i && HttpStatus.resolve(i) != null ? i : 500;
        List<FieldProblem> errors = edge != null ? edge.problems() : null;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(EdgeProblems.body(status, uri instanceof String s && s.length() <= 2000 ? s : null, errors));
    }
}
