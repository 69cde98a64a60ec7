package vn.motcua.print;

/**
 * The two paper sizes the forms use, as the {@code @page} rule and the base style of a form. Margins follow the
 * rules for administrative documents (Decree 30/2020/ND-CP: top and bottom 20 mm, left 30 mm, right 15 mm) on A4;
 * A5 (the receipt slip, handed across the counter) keeps proportionally smaller ones.
 */
public enum Paper {
    A4("A4", "20mm 15mm 20mm 30mm", "13pt", "165mm"),
    A5("A5", "12mm 10mm 12mm 15mm", "11pt", "123mm");

    private final String name;
    private final String margins;
    private final String fontSize;
    private final String textWidth;

    Paper(String name, String margins, String fontSize, String textWidth) {
        this.name = name;
        this.margins = margins;
        this.fontSize = fontSize;
        this.textWidth = textWidth;
    }

    /**
     * The page rule and the text's size. On screen the sheet is drawn as paper of that width; printing (a browser
     * or the PDF) uses the page rule, so the same HTML prints cleanly from both.
     */
    public String css() {
        return """
                @page { size: %1$s portrait; margin: %2$s; }
                body { font-size: %3$s; }
                @media screen {
                  body { background: #e8e8e8; margin: 0; padding: 8mm 0; }
                  .sheet { background: #fff; width: %4$s; margin: 0 auto; padding: %2$s;
                           border: 0.3mm solid #bbb; }
                }
                """.formatted(name, margins, fontSize, textWidth);
    }
}
