package vn.motcua.workflow.petition;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long an office has to answer a petition, in working days of its own calendar (Decree 20/2008 and
 * Decision 766's MDHL indicators: 15). A setting, not a constant, like every rule that differs between regimes.
 */
@ConfigurationProperties("motcua.workflow.petitions")
public record PetitionPolicy(Integer answerDays) {
    public PetitionPolicy {
        answerDays = answerDays == null ? 15 : answerDays;
    }

    public static PetitionPolicy standard() {
        return new PetitionPolicy(15);
    }
}
