package vn.motcua.print;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FSFontUseCase;
import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

/**
 * The fonts every PDF is set in: DejaVu Serif (the forms' text; the look of Times New Roman, which the official
 * forms name, is not ours to ship) and DejaVu Sans, regular, bold, italic and bold italic. Both cover the whole
 * Vietnamese alphabet (Latin Extended Additional, U+1EA0 to U+1EF9, precomposed). They come from the
 * jasperreports-fonts jar on Maven Central, read once into memory, and are embedded (subset) in each PDF, so a
 * PDF looks the same wherever it is made and opened.
 */
final class Fonts {
    static final String SERIF = "DejaVu Serif";
    static final String SANS = "DejaVu Sans";
    private static final String DIR = "/net/sf/jasperreports/fonts/dejavu/";

    private record Face(String family, int weight, FontStyle style, byte[] ttf) {
    }

    private static final List<Face> FACES = List.of(
            face(SERIF, 400, FontStyle.NORMAL, "DejaVuSerif.ttf"),
            face(SERIF, 700, FontStyle.NORMAL, "DejaVuSerif-Bold.ttf"),
            face(SERIF, 400, FontStyle.ITALIC, "DejaVuSerif-Italic.ttf"),
            face(SERIF, 700, FontStyle.ITALIC, "DejaVuSerif-BoldItalic.ttf"),
            face(SANS, 400, FontStyle.NORMAL, "DejaVuSans.ttf"),
            face(SANS, 700, FontStyle.NORMAL, "DejaVuSans-Bold.ttf"),
            face(SANS, 400, FontStyle.ITALIC, "DejaVuSans-Oblique.ttf"),
            face(SANS, 700, FontStyle.ITALIC, "DejaVuSans-BoldOblique.ttf"));

    private Fonts() {
    }

    /**
     * Registers every face for documents; the serif faces also as the fallback tried before the PDF's 14 built-in
     * fonts (which have no Vietnamese beyond Latin-1), so a family the document names but we do not ship (Times
     * New Roman) still prints every glyph.
     */
    static void register(PdfRendererBuilder builder) {
        for (Face face : FACES) {
            Set<FSFontUseCase> uses = face.family().equals(SERIF)
                    ? Set.of(FSFontUseCase.DOCUMENT, FSFontUseCase.FALLBACK_PRE)
                    : Set.of(FSFontUseCase.DOCUMENT);
            builder.useFont(() -> new ByteArrayInputStream(face.ttf()), face.family(), face.weight(), face.style(),
                    true, uses);
        }
    }

    private static Face face(String family, int weight, FontStyle style, String file) {
        try (InputStream in = Fonts.class.getResourceAsStream(DIR + file)) {
            if (in == null) {
                throw new IllegalStateException("font " + file + " is not on the classpath (jasperreports-fonts)");
            }
            return new Face(family, weight, style, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
