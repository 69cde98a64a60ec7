package vn.motcua.print;

import java.util.Locale;

/**
 * HTML or PDF, from the request's {@code Accept} header: PDF only when the caller names {@code application/pdf}
 * and does not rank {@code text/html} above it; HTML otherwise (no header, a browser's header, a tie), as before
 * PDF existed. The same content either way: the PDF is made from the HTML.
 */
public enum Printable {
    HTML("text/html;charset=UTF-8"),
    PDF("application/pdf");

    private final String contentType;

    Printable(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public static Printable negotiate(String accept) {
        if (accept == null || accept.isBlank()) {
            return HTML;
        }
        double pdf = -1;
        double html = -1;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].trim().toLowerCase(Locale.ROOT);
            double q = quality(parts);
            if (type.equals("application/pdf")) {
                pdf = Math.max(pdf, q);
            } else if (type.equals("text/html")) {
                html = Math.max(html, q);
            }
        }
        return pdf > 0 && pdf > html ? PDF : HTML;
    }

    private static double quality(String[] parts) {
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("q=") || p.startsWith("Q=")) {
                try {
                    return Double.parseDouble(p.substring(2).trim());
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 1;
    }

    /** The body to send: the HTML itself, or its PDF. */
    public byte[] body(String xhtml) {
        return this == PDF ? Pdf.render(xhtml) : xhtml.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
