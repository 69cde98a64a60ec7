package vn.motcua.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue of event types: CloudEvents {@code ce_type}, topic, record class and JSON Schema. */
public enum EventType {
    OFFICE_REGISTERED("vn.motcua.office.registered.v1", Topics.CATALOGUE, OfficeRegistered.class),
    PROCEDURE_PUBLISHED("vn.motcua.procedure.published.v1", Topics.CATALOGUE, ProcedurePublished.class),
    DOSSIER_RECEIVED("vn.motcua.dossier.received.v1", Topics.DOSSIER_INTAKE, DossierReceived.class),
    DOSSIER_TRANSFERRED("vn.motcua.dossier.transferred.v1", Topics.DOSSIER_WORKFLOW, DossierTransferred.class),
    SUPPLEMENT_REQUESTED("vn.motcua.dossier.supplement-requested.v1", Topics.DOSSIER_WORKFLOW,
            SupplementRequested.class),
    SUPPLEMENT_RECEIVED("vn.motcua.dossier.supplement-received.v1", Topics.DOSSIER_WORKFLOW,
            SupplementReceived.class),
    DOSSIER_DUE_SOON("vn.motcua.dossier.due-soon.v1", Topics.DOSSIER_WORKFLOW, DossierDueSoon.class),
    DOSSIER_OVERDUE("vn.motcua.dossier.overdue.v1", Topics.DOSSIER_WORKFLOW, DossierOverdue.class),
    APOLOGY_LETTER_ISSUED("vn.motcua.dossier.apology-letter-issued.v1", Topics.DOSSIER_WORKFLOW,
            ApologyLetterIssued.class),
    DOSSIER_RESOLVED("vn.motcua.dossier.resolved.v1", Topics.DOSSIER_WORKFLOW, DossierResolved.class),
    RESULT_RETURNED("vn.motcua.dossier.result-returned.v1", Topics.DOSSIER_WORKFLOW, ResultReturned.class),
    DOSSIER_WITHDRAWN("vn.motcua.dossier.withdrawn.v1", Topics.DOSSIER_WORKFLOW, DossierWithdrawn.class),
    DOSSIER_CANCELLED("vn.motcua.dossier.cancelled.v1", Topics.DOSSIER_INTAKE, DossierCancelled.class),
    FEE_PAID("vn.motcua.dossier.fee-paid.v1", Topics.DOSSIER_WORKFLOW, FeePaid.class),
    DOSSIER_RATED("vn.motcua.dossier.rated.v1", Topics.DOSSIER_WORKFLOW, DossierRated.class),
    PETITION_RECEIVED("vn.motcua.petition.received.v1", Topics.PETITION, PetitionReceived.class),
    PETITION_ANSWERED("vn.motcua.petition.answered.v1", Topics.PETITION, PetitionAnswered.class),
    PETITION_RATED("vn.motcua.petition.rated.v1", Topics.PETITION, PetitionRated.class);

    private static final Map<String, EventType> BY_CE_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::eventClass, Function.identity()));

    private final String ceType;
    private final String topic;
    private final Class<? extends MotcuaEvent> eventClass;

    EventType(String ceType, String topic, Class<? extends MotcuaEvent> eventClass) {
        this.ceType = ceType;
        this.topic = topic;
        this.eventClass = eventClass;
    }

    public String ceType() {
        return ceType;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends MotcuaEvent> eventClass() {
        return eventClass;
    }

    /** Classpath resource of the JSON Schema that describes this event's JSON value. */
    public String schemaResource() {
        return "/schemas/" + eventClass.getSimpleName() + ".schema.json";
    }

    /** Unknown types are not an error: consumers skip types newer than themselves. */
    public static Optional<EventType> ofCeType(String ceType) {
        return Optional.ofNullable(BY_CE_TYPE.get(ceType));
    }

    public static EventType of(Class<?> eventClass) {
        EventType type = BY_CLASS.get(eventClass);
        if (type == null) {
            throw new IllegalArgumentException("not a contract event: " + eventClass.getName());
        }
        return type;
    }
}
