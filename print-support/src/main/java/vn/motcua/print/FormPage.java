package vn.motcua.print;

import java.util.List;

/**
 * What every form of Circular 01/2018/TT-VPCP shares: the XHTML skeleton (well-formed, so the PDF renderer reads
 * exactly what a browser shows), the national heading beside the issuing office, the title, and the signature
 * blocks. Every value a form puts in goes through {@link #esc}; the parts below escape what they are given.
 */
public final class FormPage {
    /** Typography shared by all forms; CSS 2.1 only (tables, not flexbox), which both browsers and PDF obey. */
    private static final String BASE_CSS = """
            body { font-family: "Times New Roman", "DejaVu Serif", serif; line-height: 1.35; color: #000; }
            p { margin: 1.2mm 0; }
            .form-no { text-align: right; font-size: 85%; font-style: italic; margin: 0 0 1mm 0; }
            table.heading { width: 100%; border-collapse: collapse; }
            table.heading td { text-align: center; vertical-align: top; padding: 0; font-size: 88%; }
            table.heading td.office { width: 42%; }
            table.heading td.nation { width: 58%; white-space: nowrap; }
            table.heading .motto { font-weight: bold; text-decoration: underline; }
            .number { margin-top: 2mm; }
            .place { text-align: right; font-style: italic; margin-top: 2mm; }
            h1 { text-align: center; font-size: 115%; margin: 5mm 0 1mm 0; }
            .subtitle { text-align: center; font-weight: bold; margin: 0 0 3mm 0; }
            table.grid { width: 100%; border-collapse: collapse; margin: 2mm 0; font-size: 92%; }
            table.grid th, table.grid td { border: 0.8pt solid #000; padding: 1mm 1.5mm; vertical-align: top; }
            table.grid th { font-weight: bold; text-align: center; }
            table.grid tr { page-break-inside: avoid; }
            td.c { text-align: center; }
            .box { border: 1.2pt solid #000; padding: 2mm; margin: 3mm 0; }
            .note { font-size: 88%; font-style: italic; }
            table.signatures { width: 100%; border-collapse: collapse; margin-top: 5mm; page-break-inside: avoid; }
            table.signatures td { text-align: center; vertical-align: top; padding: 0 2mm; }
            table.signatures .role { font-weight: bold; }
            table.signatures .hint { font-style: italic; font-size: 88%; }
            table.signatures .space { height: 20mm; }
            """;

    private FormPage() {
    }

    /** One signature block: who signs (as printed, upper case) and the name under the signature, if known. */
    public record Signature(String role, String hint, String name) {
        public static Signature of(String role) {
            return new Signature(role, "(Ký và ghi rõ họ tên)", null);
        }
    }

    /** A whole document: the title (the browser tab's), the paper, the form's own CSS and its body (XHTML). */
    public static String document(Paper paper, String title, String css, String body) {
        return """
                <!DOCTYPE html>
                <html xmlns="http://www.w3.org/1999/xhtml" lang="vi" xml:lang="vi">
                <head>
                <meta charset="utf-8"/>
                <title>%s</title>
                <style>
                %s%s%s</style>
                </head>
                <body><div class="sheet">
                %s
                </div></body>
                </html>
                """.formatted(esc(title), BASE_CSS, paper.css(), css == null ? "" : css, body);
    }

    /**
     * The heading of an administrative document: on the left the governing body (may be empty) above the office
     * that issues the form, on the right the national name and motto; then the form's number ("Mẫu số 01") above.
     */
    public static String heading(String formNumber, String governingBody, String office) {
        String left = (governingBody == null || governingBody.isBlank() ? "" : esc(governingBody) + "<br/>")
                + "<b>" + esc(office) + "</b>";
        return """
                <p class="form-no">%s</p>
                <table class="heading"><tr>
                <td class="office">%s</td>
                <td class="nation"><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br/><span class="motto">Độc lập - Tự do - Hạnh phúc</span></td>
                </tr></table>""".formatted(esc(formNumber), left);
    }

    /** The title in capitals and, optionally, a line under it. */
    public static String title(String title, String subtitle) {
        return "<h1>" + esc(title) + "</h1>"
                + (subtitle == null ? "" : "<p class=\"subtitle\">" + esc(subtitle) + "</p>");
    }

    /** The signature blocks side by side, the first on the left. */
    public static String signatures(List<Signature> blocks) {
        StringBuilder row = new StringBuilder("<table class=\"signatures\"><tr>");
        for (Signature s : blocks) {
            row.append("<td><div class=\"role\">").append(esc(s.role())).append("</div>")
                    .append("<div class=\"hint\">").append(esc(s.hint())).append("</div>")
                    .append("<div class=\"space\"></div>")
                    .append("<div>").append(s.name() == null ? "" : esc(s.name())).append("</div></td>");
        }
        return row.append("</tr></table>").toString();
    }

    /** Escapes text for XHTML content and attribute values; null prints as nothing. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // Control characters are not allowed in XML 1.0: drop them rather than fail the whole form.
                    if (c >= 0x20 || c == '\n' || c == '\t' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
