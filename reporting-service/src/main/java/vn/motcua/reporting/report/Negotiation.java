package vn.motcua.reporting.report;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;

/** Which rendering a caller asked for: JSON unless its Accept names XLSX (and not JSON). */
final class Negotiation {
    static final MediaType XLSX = new MediaType(ReportXlsx.MEDIA_TYPE);

    private Negotiation() {
    }

    static boolean wantsXlsx(HttpRequest<?> http) {
        return http.accept().stream().anyMatch(m -> m.getName().equalsIgnoreCase(ReportXlsx.MEDIA_TYPE))
                && http.accept().stream().noneMatch(m -> m.getName().equalsIgnoreCase(MediaType.APPLICATION_JSON));
    }

    /** The workbook as an attachment named after the view, office and period. */
    static HttpResponse<byte[]> xlsx(byte[] workbook, String view, String officeId, String from, String to) {
        String name = (view + "-" + officeId + "-" + from + "-" + to).replaceAll("[^A-Za-z0-9._-]", "_") + ".xlsx";
        return HttpResponse.ok(workbook).contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"");
    }
}
