package vn.motcua.intake.access;

import java.util.List;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.motcua.spring.security.Callers;

/**
 * Every command sent from a request (the catalogue's) carries the caller's sub as "actor" metadata, and the events
 * it applies inherit it. Receipts append their events directly and set it themselves ({@code DossierRecords}).
 */
@Configuration(proxyBeanMethods = false)
class ActorMetadata {

    /** Registered once every bean exists: the command bus itself depends on the correlation providers below. */
    @Bean
    SmartInitializingSingleton actorOnCommands(ObjectProvider<CommandBus> commandBus) {
        return () -> commandBus.getObject().registerDispatchInterceptor(stampActor());
    }

    /** Read in the dispatching (request) thread, where the caller's token is. */
    static MessageDispatchInterceptor<CommandMessage<?>> stampActor() {
        return new MessageDispatchInterceptor<>() {
            @Override
            public java.util.function.BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                    List<? extends CommandMessage<?>> messages) {
                String subject = Callers.currentSubject();
                return (index, command) -> subject == null ? command : command.andMetaData(Actors.metaData(subject));
            }
        };
    }

    /** Copies "actor" from a command to the events it applies. */
    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(Actors.METADATA_KEY);
    }

    /** Axon's default trace/correlation ids; declaring any provider above replaces its default bean. */
    @Bean
    CorrelationDataProvider messageOrigin() {
        return new MessageOriginProvider();
    }
}
