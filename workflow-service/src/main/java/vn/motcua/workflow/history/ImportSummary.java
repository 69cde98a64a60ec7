package vn.motcua.workflow.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The import's answer: {@code lines} read (blank ones skipped), {@code accepted} (every step recorded),
 * {@code rejected} (nothing of the line recorded), the first {@code errors} by line; {@code errorsTruncated} when
 * there were more errors than the answer lists.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ImportSummary(long lines, long accepted, long rejected, List<LineError> errors,
                            Boolean errorsTruncated) {
}
