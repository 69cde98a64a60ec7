package vn.motcua.reporting.report;

/** How a breakdown groups the figures: by child office, by field (lĩnh vực) or by procedure. */
public enum Breakdown {
    OFFICE, FIELD, PROCEDURE
}
