package vn.motcua.print;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class PdfTest {
    /** Every letter of the Vietnamese alphabet with every tone, both cases, composed (NFC) as text is stored. */
    static String vietnameseAlphabet() {
        String vowels = "aăâeêioôơuưy";
        String[] tones = {"", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"};
        StringBuilder out = new StringBuilder();
        for (String tone : tones) {
            for (char v : vowels.toCharArray()) {
                String lower = Normalizer.normalize(v + tone, Normalizer.Form.NFC);
                out.append(lower).append(lower.toUpperCase(java.util.Locale.ROOT));
            }
            out.append(' ');
        }
        return out.append("đĐ").toString();
    }

    private static String page(Paper paper, String body) {
        return FormPage.document(paper, "Thử in", null, body);
    }

    @Test
    void everyVietnameseGlyphPrintsInRegularBoldAndItalic() throws IOException {
        String alphabet = vietnameseAlphabet();
        assertThat(alphabet.codePoints().filter(Character::isLetter).count()).isEqualTo(12 * 6 * 2 + 2);
        String html = page(Paper.A5, FormPage.heading("Mẫu số 01", "UBND TỈNH HÀ TĨNH", "Trung tâm Phục vụ hành chính công")
                + FormPage.title("GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ", "Mã hồ sơ: H29.21-261207-0001")
                + "<p>" + alphabet + "</p><p><b>" + alphabet + "</b></p><p><i>" + alphabet + "</i></p>"
                + "<p><b><i>" + alphabet + "</i></b></p>"
                + "<p>Nguyễn Thị Hồng Nhung, số 12 đường Trần Phú, phường Nam Hà &amp; &lt;khác&gt;</p>"
                + FormPage.signatures(List.of(FormPage.Signature.of("NGƯỜI NỘP HỒ SƠ"),
                FormPage.Signature.of("NGƯỜI TIẾP NHẬN HỒ SƠ"))));

        byte[] pdf = Pdf.render(html);

        assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
        // No glyph missing: the PDF's text is the HTML's, character for character (a missing glyph prints '#' or
        // nothing), and it is all set in the DejaVu fonts we ship, never a built-in font without Vietnamese.
        String htmlText = PdfProof.comparable(PdfProof.htmlText(html));
        assertThat(htmlText).contains(PdfProof.comparable(alphabet)).contains("&<khác>");
        assertThat(PdfProof.comparable(PdfProof.text(pdf))).isEqualTo(htmlText);
        assertThat(PdfProof.characters(PdfProof.text(pdf))).isEqualTo(PdfProof.characters(PdfProof.htmlText(html)));
        assertThat(PdfProof.characters("b a\nb")).isEqualTo("abb");
        assertThat(PdfProof.fonts(pdf)).isNotEmpty().allSatisfy(f -> assertThat(f).startsWith("DejaVuSerif"))
                .contains("DejaVuSerif", "DejaVuSerif-Bold", "DejaVuSerif-Italic", "DejaVuSerif-BoldItalic");
        assertThat(PdfProof.pageSizeMm(pdf)).isEqualTo("148x210");
        assertThat(PdfProof.pages(pdf)).isPositive();

        PdfProof.Raster page = PdfProof.png(pdf, 0, 96);
        assertThat(page.width()).isBetween(550, 565); // 148 mm at 96 dpi
        assertThat(page.inked()).isGreaterThan(0.005);
        Path out = Path.of("target", "proof");
        Files.createDirectories(out);
        Files.write(out.resolve("vietnamese-a5.png"), page.png());
    }

    @Test
    void a4PagesAreA4() {
        byte[] pdf = Pdf.render(page(Paper.A4, "<p>Phiếu kiểm soát quá trình giải quyết hồ sơ</p>"));
        assertThat(PdfProof.pageSizeMm(pdf)).isEqualTo("210x297");
    }

    @Test
    void nothingOutsideTheDocumentIsFetched() {
        // An image by URL is refused by the renderer's access control: the PDF is made, without the image.
        byte[] pdf = Pdf.render(page(Paper.A4, "<p>Ảnh</p><img src=\"http://127.0.0.1:9/x.png\" alt=\"\"/>"));
        assertThat(PdfProof.comparable(PdfProof.text(pdf))).isEqualTo("Ảnh");
    }

    @Test
    void aDocumentThatIsNotXhtmlIsRefused() {
        assertThatThrownBy(() -> Pdf.render("<html><body><p>không đóng thẻ</body></html>"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void escapingKeepsTheDocumentWellFormed() {
        String nasty = "<script>alert('x')</script> & \"q\" \u0007";
        String html = page(Paper.A5, "<p>" + FormPage.esc(nasty) + "</p>");
        assertThat(PdfProof.htmlText(html)).contains("<script>alert('x')</script> & \"q\" ").doesNotContain("\u0007");
        assertThat(PdfProof.comparable(PdfProof.text(Pdf.render(html))))
                .isEqualTo(PdfProof.comparable("<script>alert('x')</script> & \"q\""));
    }

    @Test
    void workingDaysAreWrittenTheVietnameseWay() {
        assertThat(VietnameseText.workingDays(new java.math.BigDecimal("15.0"))).isEqualTo("15 ngày làm việc");
        assertThat(VietnameseText.workingDays(new java.math.BigDecimal("0.5"))).isEqualTo("0,5 ngày làm việc");
    }

    @Nested
    class Negotiation {
        @Test
        void htmlUnlessPdfIsAskedFor() {
            assertThat(Printable.negotiate(null)).isEqualTo(Printable.HTML);
            assertThat(Printable.negotiate("*/*")).isEqualTo(Printable.HTML);
            assertThat(Printable.negotiate("text/html,application/xhtml+xml,*/*;q=0.8")).isEqualTo(Printable.HTML);
            assertThat(Printable.negotiate("application/pdf")).isEqualTo(Printable.PDF);
            assertThat(Printable.negotiate("application/pdf, */*;q=0.1")).isEqualTo(Printable.PDF);
            assertThat(Printable.negotiate("text/html;q=0.5, application/pdf")).isEqualTo(Printable.PDF);
            assertThat(Printable.negotiate("text/html, application/pdf;q=0.9")).isEqualTo(Printable.HTML);
            assertThat(Printable.negotiate("application/pdf;q=0")).isEqualTo(Printable.HTML);
            assertThat(Printable.negotiate("application/pdf;q=zz")).isEqualTo(Printable.HTML);
        }
    }
}
