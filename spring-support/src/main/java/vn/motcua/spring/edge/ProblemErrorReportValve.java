package vn.motcua.spring.edge;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.MediaType;

/**
 * Tomcat's own errors (a path it cannot decode, {@code %00}, an invalid UTF-8 escape, a request it refuses before
 * any servlet runs) as problem+json instead of Tomcat's HTML page. Never the exception or server details.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As Tomcat's: nothing for non-errors, nothing if something was written, and only once.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        try {
            byte[] bytes = EdgeProblems.bytes(EdgeProblems.body(status, null, null));
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.setContentLength(bytes.length);
            OutputStream out = response.getOutputStream();
            out.write(bytes);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was taken over: nothing more can be said
        }
    }
}
