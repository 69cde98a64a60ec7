package vn.motcua.spring.axon;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.motcua.access.Actors;
import vn.motcua.spring.security.Callers;

/**
 * Every command records who sent it (import with {@code @Import}): the caller's {@code sub} goes into the command's
 * metadata under {@link Actors#METADATA_KEY} when it is dispatched (on the request's thread, where the token is),
 * and Axon copies it onto every event the command applies. Commands a service sends itself carry none.
 */
@Configuration(proxyBeanMethods = false)
public class ActorMetadata {

    /** The metadata of an event appended without a command (intake's receipts). */
    public static MetaData of(String subject) {
        return subject == null ? MetaData.emptyInstance() : MetaData.with(Actors.METADATA_KEY, subject);
    }

    /** Events inherit the actor from their command. */
    @Bean
    public CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(Actors.METADATA_KEY);
    }

    /** Axon's default trace and correlation ids: declaring any provider above replaces its default bean. */
    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /** Registered once every bean exists: the command bus itself depends on the correlation providers above. */
    @Bean
    public SmartInitializingSingleton stampCommandsWithTheirActor(ObjectProvider<CommandBus> commandBus) {
        return () -> commandBus.getObject().registerDispatchInterceptor(new ActorStamp());
    }

    /**
     * Adds the caller's {@code sub} unless the command already has one: a retry is dispatched again on another
     * thread, without the request's security context, and must keep the original actor.
     */
    static final class ActorStamp implements MessageDispatchInterceptor<CommandMessage<?>> {
        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                List<? extends CommandMessage<?>> messages) {
            return (index, command) -> {
                if (command.getMetaData().containsKey(Actors.METADATA_KEY)) {
                    return command;
                }
                String subject = Callers.currentSubject();
                return subject == null ? command : command.andMetaData(Map.of(Actors.METADATA_KEY, subject));
            };
        }
    }
}
