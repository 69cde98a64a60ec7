package vn.motcua.intake.infra;

import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import vn.motcua.spring.axon.ActorMetadata;
import vn.motcua.spring.axon.AxonJdbcSupport;

/**
 * Axon on PostgreSQL through JDBC, no JPA, no Axon Server: the event store, token store and transactions come
 * from the shared {@link AxonJdbcSupport}; what is intake's own is here. Connections come from Spring's
 * transaction, so an event append joins the transaction of the request.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
@Import({AxonJdbcSupport.class, ActorMetadata.class})
public class AxonJdbcConfig {

    @Bean
    public ConnectionProvider axonConnectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver(DataSource dataSource) {
        return new JdbcSQLErrorCodesResolver();
    }

    /**
     * A failing handler fails its unit of work instead of being logged and skipped: the synchronous projections then
     * roll the command back, and the Kafka relay retries rather than losing an event.
     */
    @Bean
    public ConfigurerModule propagateHandlerErrors() {
        return configurer -> configurer.eventProcessing()
                .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }
}
