package vn.motcua.print;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.Set;
import java.util.TreeSet;
import javax.imageio.ImageIO;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A printer's proof of a PDF, for tests and for whoever wants to look: its text (PDFBox extraction), the HTML's
 * text to hold it against, the fonts it uses, its page size, and a page rendered to PNG. Two texts are compared
 * with {@link #comparable} (line breaks and spacing are layout, every other character must be there, in order) or,
 * where a line mixes fonts, with {@link #characters} (every character there, none replaced, in any order).
 */
public final class PdfProof {
    private PdfProof() {
    }

    /** A page as PNG, with the share of pixels that carry ink (a blank or missing page has none). */
    public record Raster(byte[] png, int width, int height, double inked) {
    }

    /** Every page's text, in the order the renderer drew it (document order). */
    public static String text(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int pages(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return doc.getNumberOfPages();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first page's size in whole millimetres, "148x210" for A5 portrait. */
    public static String pageSizeMm(byte[] pdf) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            PDRectangle box = doc.getPage(0).getMediaBox();
            return Math.round(box.getWidth() * 25.4 / 72) + "x" + Math.round(box.getHeight() * 25.4 / 72);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base names of the fonts the pages use, without the subset prefix ("DejaVuSerif-Bold"). */
    public static Set<String> fonts(byte[] pdf) {
        Set<String> names = new TreeSet<>();
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            for (PDPage page : doc.getPages()) {
                PDResources resources = page.getResources();
                for (COSName name : resources.getFontNames()) {
                    String base = resources.getFont(name).getName();
                    names.add(base == null ? "?" : base.replaceFirst("^[A-Z]{6}\\+", ""));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    /** A page rendered at the given resolution. */
    public static Raster png(byte[] pdf, int pageIndex, float dpi) {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            BufferedImage image = new PDFRenderer(doc).renderImageWithDPI(pageIndex, dpi);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return new Raster(out.toByteArray(), image.getWidth(), image.getHeight(), inked(image));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text a reader of the HTML sees: the body's text nodes, without styles or scripts. */
    public static String htmlText(String xhtml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(true);
            var doc = factory.newDocumentBuilder().parse(new InputSource(new java.io.StringReader(xhtml)));
            StringBuilder out = new StringBuilder();
            Node body = doc.getElementsByTagNameNS("*", "body").item(0);
            collect(body, out);
            return out.toString();
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalArgumentException("not well-formed XHTML: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A text without its whitespace, in Unicode composed form: what must match character for character. */
    public static String comparable(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC).replaceAll("[\\s\\u00A0\\u200B]+", "");
    }

    /**
     * The characters of a text, whitespace left out, sorted: equal for the PDF and the HTML when every character
     * was printed and none replaced (a missing glyph prints '#' or nothing), whatever order the renderer drew the
     * runs of a line in (it may draw a wrapped line's bold runs after its regular ones).
     */
    public static String characters(String text) {
        return comparable(text).codePoints().sorted()
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static void collect(Node node, StringBuilder out) {
        if (node == null) {
            return;
        }
        if (node instanceof Element e) {
            String tag = e.getLocalName() == null ? e.getTagName() : e.getLocalName();
            if (tag.equals("style") || tag.equals("script")) {
                return;
            }
            if (tag.equals("br") || tag.equals("p") || tag.equals("div") || tag.equals("td") || tag.equals("tr")) {
                out.append('\n');
            }
        }
        if (node.getNodeType() == Node.TEXT_NODE) {
            out.append(node.getNodeValue());
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            collect(child, out);
        }
    }

    private static double inked(BufferedImage image) {
        long dark = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                int lum = (((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff)) / 3;
                if (lum < 128) {
                    dark++;
                }
            }
        }
        return (double) dark / ((long) image.getWidth() * image.getHeight());
    }
}
