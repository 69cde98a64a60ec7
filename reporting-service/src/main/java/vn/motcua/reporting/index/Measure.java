package vn.motcua.reporting.index;

/**
 * How an indicator is computed (DOMAIN.md "Decision 766"): the data file names one per indicator, so a province
 * may re-point codes, points and thresholds without code. {@link #NOT_HELD}: data motcua does not hold
 * (always unavailable).
 */
public enum Measure {
    PROCEDURES_ANNOUNCED_ON_TIME, PROCEDURES_PUBLIC_ON_TIME, PROCEDURES_CONTENT_COMPLETE,
    HANDLED_ON_TIME,
    PROCEDURES_ONLINE, DOSSIERS_ONLINE, FULL_ONLINE_USE,
    FEES_PAYABLE_ONLINE, FEES_PAID_ONLINE, DOSSIERS_PAID_ONLINE,
    ELECTRONIC_RESULTS, DIGITISED_DOSSIERS, REUSED_DATA,
    PETITIONS_ON_TIME, PETITIONS_SATISFACTION, DOSSIER_SATISFACTION,
    NOT_HELD
}
