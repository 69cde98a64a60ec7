package vn.motcua.workflow.infra;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import vn.motcua.workflow.dossier.DossierProjection;
import vn.motcua.workflow.kafka.KafkaPublishingHandler;

/**
 * Axon on PostgreSQL through plain JDBC, declared here rather than left to Axon's auto-configuration, whose
 * ordering hints name Spring Boot 3 classes: the event store, token store and transactions are explicit.
 * The tables are Flyway's (db/migration), in snake case.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfig {

    @Bean
    public ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new SpringDataSourceConnectionProvider(dataSource);
    }

    /** Commands, event storage and projections share the Spring (JDBC) transaction. */
    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager transactionManager) {
        return new SpringTransactionManager(transactionManager);
    }

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema schema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                // Recognises PostgreSQL's unique violations as concurrent writes to one dossier.
                .persistenceExceptionResolver(new PostgresDuplicateKeyResolver())
                .schema(schema)
                .dataType(byte[].class)
                .build();
    }

    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema schema) {
        return JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(schema)
                .contentType(byte[].class)
                .build();
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
                .retryScheduler(IntervalRetryScheduler.builder()
                        .retryExecutor(retries)
                        .retryInterval(25)
                        .maxRetryCount(5)
                        .nonTransientFailurePredicate(failure -> !(failure instanceof ConcurrencyException))
                        .build())
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
