package vn.motcua.workflow.web;

/**
 * {@code page} (0-based) and {@code size} query parameters, read as text so a bad value is a 400 naming the field
 * (never a 500 or a silent default).
 */
public record Paging(int page, int size) {

    public static Paging of(String page, String size, int defaultSize, int maxSize, int maxPage) {
        return new Paging(number("page", page, 0, 0, maxPage), number("size", size, defaultSize, 1, maxSize));
    }

    public long offset() {
        return (long) page * size;
    }

    private static int number(String field, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new InvalidParameterException(field, "must be a whole number from " + min + " to " + max);
    }
}
