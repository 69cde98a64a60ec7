package vn.motcua.workflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** workflow-service: carries each dossier from receipt to return. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class WorkflowApplication {
    public static void main(String[] args) {
        // Axon reports usage to its vendor unless told not to; a public-sector system sends nothing out.
        if (System.getProperty("axoniq.update-checker.disabled") == null) {
            System.setProperty("axoniq.update-checker.disabled", "true");
        }
        SpringApplication.run(WorkflowApplication.class, args);
    }
}
