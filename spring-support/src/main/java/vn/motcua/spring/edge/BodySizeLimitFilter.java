package vn.motcua.spring.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.motcua.spring.web.FieldProblem;

/**
 * Refuses oversize bodies with 413 problem+json before anything parses them: by the declared Content-Length at
 * once, and for chunked bodies as soon as the limit is crossed while reading. Streaming endpoints (bulk imports) are
 * exempt. The unread rest of a refused body is read and dropped (up to {@link #DRAIN_BYTES}) so the client, still
 * sending, reads the 413 instead of a connection reset; beyond that the connection is closed after the answer.
 */
public final class BodySizeLimitFilter extends OncePerRequestFilter {
    /** How much of a refused body is drained to keep the answer readable; larger ones get it and a closed socket. */
    static final long DRAIN_BYTES = 64L * 1024 * 1024;
    private final long limit;
    private final List<String> exemptPrefixes;

    public BodySizeLimitFilter(long limit, List<String> exemptPrefixes) {
        this.limit = limit;
        this.exemptPrefixes = List.copyOf(exemptPrefixes);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String uri = request.getRequestURI();
        return exemptPrefixes.stream().anyMatch(p -> !p.isBlank() && uri.startsWith(p));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            if (declared <= DRAIN_BYTES) {
                drain(request.getInputStream());
            } else {
                response.setHeader("Connection", "close");
            }
            EdgeProblems.write(response, 413, request.getRequestURI(),
                    List.of(new FieldProblem("body", "request body exceeds " + limit + " bytes")));
            response.flushBuffer();
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    private static void drain(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try {
            int n;
            while (total < DRAIN_BYTES && (n = in.read(buffer)) >= 0) {
                total += n;
            }
        } catch (IOException | RuntimeException e) {
            // the client gave up sending: the answer is all that is left to do
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > limit) {
                drain(in);
                throw EdgeProblemException.tooLarge(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
