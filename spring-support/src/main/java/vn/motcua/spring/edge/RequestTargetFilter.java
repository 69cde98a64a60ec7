package vn.motcua.spring.edge;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.motcua.spring.web.FieldProblem;

/**
 * Checks the request target before any service code: every path segment and every query parameter (name and value)
 * must be well-formed UTF-8 once decoded, hold no control character and stay within {@code maxChars}. A refused
 * target answers 400 problem+json naming the parameter (or {@code path}); nothing reaches a database, which would
 * refuse a NUL with a 500.
 */
public final class RequestTargetFilter extends OncePerRequestFilter {
    private final int maxChars;

    public RequestTargetFilter(int maxChars) {
        this.maxChars = maxChars;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<FieldProblem> problems = check(request.getRequestURI(), request.getQueryString(), maxChars);
        if (!problems.isEmpty()) {
            EdgeProblems.write(response, 400, null, problems);
            return;
        }
        chain.doFilter(request, response);
    }

    static List<FieldProblem> check(String rawPath, String rawQuery, int maxChars) {
        List<FieldProblem> problems = new ArrayList<>();
        if (rawPath != null) {
            for (String segment : rawPath.split("/", -1)) {
                String problem = problem(segment, false, maxChars);
                if (problem != null) {
                    problems.add(new FieldProblem("path", problem));
                    break;
                }
            }
        }
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&", -1)) {
                int eq = pair.indexOf('=');
                String rawName = eq < 0 ? pair : pair.substring(0, eq);
                String name = decode(rawName, true);
                String field = name == null || CleanText.lineProblem(name, 100) != null ? "query" : name;
                String problem = problem(rawName, true, 100);
                if (problem == null && eq >= 0) {
                    problem = problem(pair.substring(eq + 1), true, maxChars);
                }
                if (problem != null) {
                    problems.add(new FieldProblem(field, problem));
                }
            }
        }
        return problems;
    }

    private static String problem(String raw, boolean plusIsSpace, int maxChars) {
        String decoded = decode(raw, plusIsSpace);
        if (decoded == null) {
            return "must be valid percent-encoded UTF-8";
        }
        return CleanText.lineProblem(decoded, maxChars);
    }

    /** Strict percent-decoding: null for a broken escape or bytes that are not UTF-8. */
    static String decode(String raw, boolean plusIsSpace) {
        if (raw.indexOf('%') < 0 && (!plusIsSpace || raw.indexOf('+') < 0)) {
            return raw;
        }
        ByteBuffer bytes = ByteBuffer.allocate(raw.length() * 3);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.put((byte) (hi * 16 + lo));
                i += 2;
            } else if (c == '+' && plusIsSpace) {
                bytes.put((byte) ' ');
            } else {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        bytes.flip();
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
            return chars.toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
