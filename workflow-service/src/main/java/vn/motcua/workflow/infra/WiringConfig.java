package vn.motcua.workflow.infra;

import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.motcua.events.KafkaEventPublisher;
import vn.motcua.events.TopicProvisioner;
import java.nio.file.Path;
import vn.motcua.calendar.OfficeCalendars;
import vn.motcua.calendar.WorkingCalendar;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import vn.motcua.workflow.deadline.DeadlineAnnouncer;
import vn.motcua.workflow.deadline.DeadlineWatcher;
import vn.motcua.workflow.deadline.DueSoonRule;
import vn.motcua.workflow.dossier.DossierOpening;
import vn.motcua.workflow.dossier.DossierProjection;
import vn.motcua.workflow.dossier.WorkflowPolicy;
import vn.motcua.workflow.kafka.IntakeConsumer;
import vn.motcua.workflow.kafka.KafkaPublishingHandler;
import vn.motcua.workflow.kafka.KafkaSettings;

/** Plumbing beans: clock, calendar, Kafka in and out. */
@Configuration(proxyBeanMethods = false)
public class WiringConfig {

    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    /**
     * Each office's working-day calendar: the official holidays 2018–2027 (computed ones beyond), standard hours,
     * refined by {@code <officeId>.csv} files ({@code date,kind,note}) in {@code motcua.workflow.calendar-dir}, the
     * same files intake reads, so both services count an office's own days off and make-up days alike.
     */
    @Bean
    public OfficeCalendars officeCalendars(@Value("${motcua.workflow.calendar-dir:}") String overrideDirectory) {
        return OfficeCalendars.load(WorkingCalendar.standard(),
                overrideDirectory.isBlank() ? null : Path.of(overrideDirectory));
    }

    /** Created first, so topics exist before anything reads or writes them. */
    @Bean(destroyMethod = "close")
    public KafkaEventPublisher kafkaEventPublisher(KafkaSettings settings) {
        TopicProvisioner.ensureContractTopics(settings.bootstrapServers(), settings.topicPartitions());
        return new KafkaEventPublisher(settings.bootstrapServers(), settings.groupId() + "-publisher");
    }

    @Bean
    public KafkaPublishingHandler kafkaPublishingHandler(KafkaEventPublisher publisher) {
        return new KafkaPublishingHandler(publisher);
    }

    /** Many commands in one unit of work and transaction (intake batches, deadline groups). */
    @Bean
    public CommandBatch commandBatch(CommandBus commandBus, TransactionManager axonTransactionManager) {
        return new CommandBatch(commandBus, axonTransactionManager);
    }

    @Bean
    @ConditionalOnProperty(name = "motcua.workflow.deadlines.enabled", havingValue = "true", matchIfMissing = true)
    public DeadlineWatcher deadlineWatcher(JdbcTemplate jdbc, CommandGateway commandGateway, CommandBatch batch,
                                           EventStorageEngine storageEngine, Clock clock,
                                           DossierProjection projection, OfficeCalendars calendars,
                                           WorkflowPolicy policy,
                                           @Value("${motcua.workflow.deadlines.poll-interval:PT1S}") Duration interval,
                                           @Value("${motcua.workflow.deadlines.parallelism:4}") int parallelism) {
        DeadlineAnnouncer announcer = new DeadlineAnnouncer(jdbc, batch, storageEngine, projection, calendars,
                DueSoonRule.of(policy));
        return new DeadlineWatcher(jdbc, announcer, commandGateway, batch, storageEngine, clock, interval,
                parallelism);
    }

    @Bean
    @ConditionalOnProperty(name = "motcua.kafka.consumer-enabled", havingValue = "true", matchIfMissing = true)
    public IntakeConsumer intakeConsumer(KafkaSettings settings, CommandGateway commandGateway,
                                         DossierOpening opening) {
        return new IntakeConsumer(settings, commandGateway, opening);
    }

    /** Opens a poll of intake's records in one transaction, new dossiers without the command path. */
    @Bean
    public DossierOpening dossierOpening(CommandBatch batch, EventStorageEngine storageEngine, JdbcTemplate jdbc,
                                         DossierProjection projection) {
        return new DossierOpening(batch, storageEngine, jdbc, projection);
    }
}
