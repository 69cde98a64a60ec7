package vn.motcua.workflow.petition;

import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.motcua.events.PetitionAnswered;
import vn.motcua.events.PetitionRated;
import vn.motcua.events.PetitionReceived;

/**
 * Keeps {@code petition_view}: written by a subscribing processor in the command's transaction (like the dossier
 * read model), so a command's answer shows what it did, and a failure here rolls the command back.
 */
@Component
@ProcessingGroup(PetitionProjection.GROUP)
public class PetitionProjection {
    public static final String GROUP = "petition-view";

    private final JdbcTemplate jdbc;

    public PetitionProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(PetitionReceived e) {
        jdbc.update("""
                INSERT INTO petition_view (petition_id, office_id, category, received_at, due_at)
                VALUES (?, ?, ?, ?, ?) ON CONFLICT (petition_id) DO NOTHING""",
                e.petitionId(), e.officeId(), e.category(), ts(e.receivedAt()), ts(e.dueAt()));
    }

    @EventHandler
    void on(PetitionAnswered e) {
        jdbc.update("UPDATE petition_view SET answered_at = ?, on_time = ? WHERE petition_id = ?",
                ts(e.answeredAt()), e.onTime(), e.petitionId());
    }

    @EventHandler
    void on(PetitionRated e) {
        jdbc.update("UPDATE petition_view SET rating = ?, rated_at = ? WHERE petition_id = ?",
                e.rating().name(), ts(e.ratedAt()), e.petitionId());
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** Subscribing, and a failing handler fails the command (Axon's default would log and carry on). */
    @Configuration(proxyBeanMethods = false)
    static class Processing {
        @Bean
        ConfigurerModule petitionViewProcessor() {
            return configurer -> configurer.eventProcessing()
                    .registerSubscribingEventProcessor(GROUP)
                    .registerListenerInvocationErrorHandler(GROUP, c -> PropagatingErrorHandler.instance());
        }
    }
}
