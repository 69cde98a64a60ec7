package vn.motcua.spring.edge;

/**
 * What free text may hold at the edge of a service. PostgreSQL refuses NUL in text and the other control characters
 * have no place in a name, a reason or an identifier; tab, line feed and carriage return stay allowed in bodies
 * (a note may have lines), never in a path or a query parameter.
 */
public final class CleanText {
    /** The longest string any body field may hold; each field's own {@code @Size} is usually much tighter. */
    public static final int MAX_BODY_STRING = 10_000;

    private CleanText() {
    }

    /** Why {@code text} is refused in a body, or null if it is fine. */
    public static String bodyProblem(String text, int maxChars) {
        if (text.length() > maxChars) {
            return "must be at most " + maxChars + " characters";
        }
        return controlProblem(text, true);
    }

    /** Why {@code text} (a decoded path segment or query parameter) is refused, or null if it is fine. */
    public static String lineProblem(String text, int maxChars) {
        if (text.length() > maxChars) {
            return "must be at most " + maxChars + " characters";
        }
        return controlProblem(text, false);
    }

    private static String controlProblem(String text, boolean lineBreaksAllowed) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                if (!lineBreaksAllowed) {
                    return "must not contain control characters";
                }
            } else if (Character.isISOControl(c)) {
                return "must not contain control characters";
            } else if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1));
                if (!paired) {
                    return "must be valid Unicode text";
                }
                i++;
            }
        }
        return null;
    }
}
