package vn.motcua.print;

import com.openhtmltopdf.outputdevice.helper.ExternalResourceControlPriority;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.util.Diagnostic;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.logging.Level;

/**
 * XHTML to PDF: the one call the services make. The page size and margins come from the document's own
 * {@code @page} rule ({@link Paper}), the fonts from {@link Fonts}. Nothing outside the document is ever loaded
 * (no images, stylesheets or fonts by URL): a form prints what it carries and cannot be made to fetch anything.
 */
public final class Pdf {
    private static final System.Logger LOG = System.getLogger(Pdf.class.getName());

    static {
        // openhtmltopdf's own log quotes the document (CSS, text it cannot set): off. What matters reaches
        // report() below, by message id.
        XRLog.setLoggingEnabled(false);
    }

    private Pdf() {
    }

    /**
     * Renders a well-formed XHTML document (CSS 2.1 with paged media: no flexbox or grid) to a PDF.
     *
     * @throws IllegalArgumentException when the document is not well-formed XML
     */
    public static byte[] render(String xhtml) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.withHtmlContent(xhtml, null);
        builder.withProducer("motcua");
        Fonts.register(builder);
        builder.useExternalResourceAccessControl((uri, type) -> false,
                ExternalResourceControlPriority.RUN_BEFORE_RESOLVING_URI);
        builder.useExternalResourceAccessControl((uri, type) -> false,
                ExternalResourceControlPriority.RUN_AFTER_RESOLVING_URI);
        builder.withDiagnosticConsumer(Pdf::report);
        builder.toStream(out);
        try {
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            // openhtmltopdf wraps the XML parser's complaint; our callers only ever pass their own templates.
            throw new IllegalArgumentException("cannot render the document: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    /**
     * Warnings go to the log by their message id only: the formatted message may quote the document's text, and
     * a form can carry an applicant's name.
     */
    private static void report(Diagnostic diagnostic) {
        if (diagnostic.getLevel().intValue() >= Level.WARNING.intValue()) {
            LOG.log(System.Logger.Level.WARNING, "PDF rendering: {0}", diagnostic.getLogMessageId());
        }
    }
}
