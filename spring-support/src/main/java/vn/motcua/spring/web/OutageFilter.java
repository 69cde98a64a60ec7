package vn.motcua.spring.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.motcua.spring.edge.EdgeProblems;

/**
 * The 503 for outages met before any controller runs: an access rule that looks up a dossier's office in the
 * database, say. The controllers' own outages are answered by {@link ProblemAdviceSupport#outage}; this one sits
 * first in the security chain and answers the same body for whatever escapes the filters.
 */
public final class OutageFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(OutageFilter.class);

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } catch (ServletException | IOException | RuntimeException e) {
            if (!Outages.isOutage(e) || response.isCommitted()) {
                throw e;
            }
            log.warn("dependency unavailable, answering 503: {}", e.toString());
            response.setHeader(HttpHeaders.RETRY_AFTER, ProblemAdviceSupport.RETRY_AFTER);
            EdgeProblems.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, request.getRequestURI(), null);
        }
    }
}
