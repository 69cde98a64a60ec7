package vn.motcua.workflow.infra;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import vn.motcua.workflow.dossier.DossierProjection;
import vn.motcua.workflow.kafka.KafkaPublishingHandler;
import vn.motcua.spring.axon.ActorMetadata;
import vn.motcua.spring.axon.AxonJdbcSupport;

/**
 * Axon on PostgreSQL through plain JDBC, declared rather than left to Axon's auto-configuration, whose
 * ordering hints name Spring Boot 3 classes. The event store, token store and transactions come from the shared
 * {@link AxonJdbcSupport} (tables are Flyway's, db/migration, in snake case); what is workflow's own is here.
 */
@Configuration(proxyBeanMethods = false)
@Import({AxonJdbcSupport.class, ActorMetadata.class})
public class AxonConfig {

    @Bean
    public ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /**
     * Wraps the shared JDBC event storage engine so a batch can load a group of dossiers with one query
     * ({@link PrefetchingStorageEngine}); static, as a post-processor must be. Everything is looked up lazily.
     */
    @Bean
    public static BeanPostProcessor prefetchingStorageEngine(ObjectProvider<DataSource> dataSource,
                                                             ObjectProvider<org.axonframework.config.Configuration> axon) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof EventStorageEngine engine && !(bean instanceof PrefetchingStorageEngine)) {
                    JdbcTemplate[] jdbc = new JdbcTemplate[1];
                    return new PrefetchingStorageEngine(engine, () -> {
                        if (jdbc[0] == null) {
                            jdbc[0] = new JdbcTemplate(dataSource.getObject());
                        }
                        return jdbc[0];
                    }, () -> axon.getObject().eventSerializer(), () -> axon.getObject().upcasterChain());
                }
                return bean;
            }
        };
    }

    /**
     * How long the event store's reader waits for new events before it looks again when nothing woke it. A publish
     * through the store wakes it at commit, but the deadline announcer and the dossier opening append to the storage
     * engine directly, so the relay saw an announced burst only at the reader's next look: up to Axon's default of
     * 1 s later, a whole 4,000-burst's target. An idle service now asks ten times a second (one indexed query).
     */
    static final long EVENT_FETCH_DELAY_MS = 100;

    /** The event store as Axon's auto-configuration builds it (it backs off), with {@link #EVENT_FETCH_DELAY_MS}. */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration configuration) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(EVENT_FETCH_DELAY_MS)
                .build();
    }

    /** Recognises PostgreSQL's unique violations as concurrent writes to one dossier. */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new PostgresDuplicateKeyResolver();
    }

    /**
     * Two writers on one dossier at once (an officer's command and the deadline watcher) collide on the event
     * store's unique key; the loser is retried on the fresh state. Nothing else is retried: a refused command
     * stays refused.
     */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus) {
        ScheduledExecutorService retries = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "command-retry");
            t.setDaemon(true);
            return t;
        });
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConflictRetryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(retries)
                        .retryInterval(25)
                        .maxRetryCount(5)))
                .build();
    }

    /**
     * A failing handler must not be skipped: for the projection it rolls back the command, for the Kafka
     * publisher it stops the token so the batch is retried (Axon's default would log and move on).
     */
    @Bean
    public ConfigurerModule propagateHandlerErrors() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(DossierProjection.GROUP,
                        c -> PropagatingErrorHandler.instance())
                .registerListenerInvocationErrorHandler(KafkaPublishingHandler.GROUP,
                        c -> PropagatingErrorHandler.instance());
    }
}
