package vn.motcua.intake;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The receipt desk: catalogue and dossier receipt, event-sourced with Axon on PostgreSQL, published to Kafka. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IntakeApplication {
    static {
        // Axon's update checker reads this system property; a public-sector system sends nothing out.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
    }

    public static void main(String[] args) {
        SpringApplication.run(IntakeApplication.class, args);
    }
}
