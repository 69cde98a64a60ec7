package vn.motcua.workflow.kafka;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import vn.motcua.events.DossierEvent;
import vn.motcua.events.KafkaEventPublisher;
import vn.motcua.events.PetitionEvent;
import vn.motcua.spring.axon.ContractRelay;

/**
 * Which of workflow's events leave it, through the shared at-least-once {@link ContractRelay} (batching,
 * acknowledgement and {@code ce_id} are explained there): the dossier's to {@code motcua.dossier.workflow.v1} keyed
 * by dossier id, the petitions' to {@code motcua.petition.v1} keyed by petition id, {@code ce_time} = when the step
 * happened. The internal {@code DossierOpened} is not a {@link DossierEvent} and never leaves the service.
 */
@ProcessingGroup(KafkaPublishingHandler.GROUP)
public class KafkaPublishingHandler {
    public static final String GROUP = "kafka-publisher";
    public static final String SOURCE = "/motcua/workflow";

    private final ContractRelay relay;

    public KafkaPublishingHandler(KafkaEventPublisher publisher) {
        this.relay = new ContractRelay(publisher, SOURCE);
    }

    @EventHandler
    void on(DossierEvent event, @MessageIdentifier String eventId) {
        relay.relay(event, eventId);
    }

    @EventHandler
    void on(PetitionEvent event, @MessageIdentifier String eventId) {
        relay.relay(event, eventId);
    }
}
