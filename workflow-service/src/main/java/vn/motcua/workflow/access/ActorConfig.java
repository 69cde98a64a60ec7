package vn.motcua.workflow.access;

import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.motcua.spring.security.Callers;
import vn.motcua.workflow.dossier.Actor;

/**
 * Every command records who sent it: the caller's {@code sub} goes into the command's metadata as {@value
 * Actor#KEY} when it is dispatched (on the request's thread), and Axon copies it onto every event the command
 * applies. Commands the service sends itself (intake's receipts, deadlines) carry none.
 */
@Configuration(proxyBeanMethods = false)
public class ActorConfig {

    /** Events inherit {@value Actor#KEY} from their command; Axon's trace and correlation ids stay as they were. */
    @Bean
    public CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(Actor.KEY);
    }

    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    public SmartInitializingSingleton stampCommandsWithTheirActor(CommandBus commandBus) {
        return () -> commandBus.registerDispatchInterceptor(new ActorStamp());
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
                if (command.getMetaData().containsKey(Actor.KEY)) {
                    return command;
                }
                String subject = Callers.currentSubject();
                return subject == null ? command : command.andMetaData(java.util.Map.of(Actor.KEY, subject));
            };
        }
    }
}
