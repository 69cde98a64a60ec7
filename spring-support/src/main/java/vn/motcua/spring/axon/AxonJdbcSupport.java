package vn.motcua.spring.axon;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Axon on PostgreSQL through plain JDBC (no JPA, no Axon Server), declared rather than left to Axon's
 * auto-configuration so the table and column names match each service's Flyway migration (snake_case) and
 * payloads are BYTEA. A service {@code @Import}s it and supplies the rest: its {@link ConnectionProvider},
 * its {@link PersistenceExceptionResolver} and its processors' error handling.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
public class AxonJdbcSupport {

    /** Axon's units of work join Spring's transactions, so an event append joins the request's transaction. */
    @Bean
    public TransactionManager axonTransactionManager(PlatformTransactionManager platformTransactionManager) {
        return new SpringTransactionManager(platformTransactionManager);
    }

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
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

    /**
     * The gap settings of the streaming processors' tokens, explicit because the relays' promise rests on them:
     * a committed event is never skipped. Global indexes come from a PostgreSQL sequence, taken at insert and
     * visible at commit, so a reader can see index 12 while 11 is still uncommitted; the token keeps 11 as a gap
     * and reads it again until it appears. A gap is given up (the event would be skipped) only when it is more than
     * {@link #MAX_GAP_OFFSET} indexes below the newest one read, or when the events around it are older than
     * {@link #GAP_TIMEOUT_MS} (Axon's defaults: 10,000 and 60 s). 10,000 events is ~20 s at the benchmarks' pace, so
     * the offset is raised until the timeout is the only rule: an event is relayed unless the transaction that wrote
     * it stayed open 5 minutes after writing it. No transaction here comes near that: a request's command, a bulk
     * import chunk of 100 lines, a Kafka batch of at most 200 records, a deadline batch take milliseconds to
     * seconds. The cost: an index that never commits (a refused receipt rolled back) stays a gap up to 5 minutes;
     * beyond {@link #GAP_CLEANING_THRESHOLD} gaps the reader drops those older than the timeout.
     */
    public static final int MAX_GAP_OFFSET = 1_000_000;
    public static final int GAP_TIMEOUT_MS = 300_000;
    public static final int GAP_CLEANING_THRESHOLD = 250;
    /**
     * Events read per query by the event store's reader (Axon's default: 100). The reader is one thread per service
     * feeding every streaming processor (the relays), so a burst of 40,000 events took 400 round trips in a row at
     * 100; an aggregate's own stream (a few dozen events) still comes in one query.
     */
    public static final int READ_BATCH_SIZE = 500;
    /** The first value of the {@code global_index} sequence (Flyway migration V1: a BIGSERIAL, from 1). */
    public static final long LOWEST_GLOBAL_SEQUENCE = 1;

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 Configuration configuration,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .upcasterChain(configuration.upcasterChain())
                .snapshotFilter(configuration.snapshotFilter())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                .dataType(byte[].class)
                .batchSize(READ_BATCH_SIZE)
                .maxGapOffset(MAX_GAP_OFFSET)
                .gapTimeout(GAP_TIMEOUT_MS)
                .gapCleaningThreshold(GAP_CLEANING_THRESHOLD)
                .lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
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
}
