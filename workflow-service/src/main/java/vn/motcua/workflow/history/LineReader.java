package vn.motcua.workflow.history;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads NDJSON lines with a bound: the import's body is streamed (exempt from the service's body limit), so each
 * line is bounded here instead. A longer line is read to its end without being kept and reported as too long.
 */
final class LineReader {
    /** What {@link #next()} returns for a line longer than the bound. */
    static final String TOO_LONG = new String("\u0000too long");

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;

    LineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** The next line without its end ({@code \n} or {@code \r\n}), {@link #TOO_LONG}, or null at the end. */
    String next() throws IOException {
        StringBuilder line = new StringBuilder();
        boolean overflow = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return any ? finish(line, overflow) : null;
                }
            }
            any = true;
            char c = buffer[position++];
            if (c == '\n') {
                return finish(line, overflow);
            }
            if (!overflow) {
                line.append(c);
                if (line.length() > maxChars + 1) {
                    overflow = true;
                    line.setLength(0);
                }
            }
        }
    }

    private static String finish(StringBuilder line, boolean overflow) {
        if (overflow) {
            return TOO_LONG;
        }
        int length = line.length();
        if (length > 0 && line.charAt(length - 1) == '\r') {
            line.setLength(length - 1);
        }
        return line.toString();
    }
}
