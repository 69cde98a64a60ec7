package vn.motcua.reporting.report;

/** Which offices a report covers: the office alone, or the office and every office below it. */
public enum Scope {
    SELF, SUBTREE
}
