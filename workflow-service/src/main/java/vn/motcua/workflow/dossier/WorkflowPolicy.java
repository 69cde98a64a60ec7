package vn.motcua.workflow.dossier;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rules that differ between regimes (Decree 61/2018, 107/2021, 118/2025) are settings, never constants: the
 * defaults are Decree 61's values.
 *
 * @param supplementRestartsClock a complete supplement restarts the statutory time from the beginning
 * @param supplementWindowDays    working days after receipt within which a supplement may be requested
 * @param apologyLeadDays         an apology letter is "in time" when sent at least this many working days
 *                                before the statutory due date
 * @param maxReschedules          how many apology letters (new appointments) a dossier may get
 * @param dueSoonLeadDays         working days before the statutory due date at which a dossier is "due soon"
 * @param maxSupplementRequests   supplement requests per dossier (the office asks once, fully)
 */
@ConfigurationProperties("motcua.workflow.policy")
public record WorkflowPolicy(Boolean supplementRestartsClock, Integer supplementWindowDays, Integer apologyLeadDays,
                             Integer maxReschedules, Integer dueSoonLeadDays, Integer maxSupplementRequests) {

    public WorkflowPolicy {
        supplementRestartsClock = supplementRestartsClock == null || supplementRestartsClock;
        supplementWindowDays = supplementWindowDays == null ? 3 : supplementWindowDays;
        apologyLeadDays = apologyLeadDays == null ? 1 : apologyLeadDays;
        maxReschedules = maxReschedules == null ? 1 : maxReschedules;
        dueSoonLeadDays = dueSoonLeadDays == null ? 1 : dueSoonLeadDays;
        maxSupplementRequests = maxSupplementRequests == null ? 1 : maxSupplementRequests;
    }

    public static WorkflowPolicy decree61() {
        return new WorkflowPolicy(true, 3, 1, 1, 1, 1);
    }
}
