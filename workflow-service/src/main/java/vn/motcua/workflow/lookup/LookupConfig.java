package vn.motcua.workflow.lookup;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class LookupConfig {

    /** {@code motcua.workflow.lookup.max-tries} per {@code ...window} per remote address (default 10 a minute). */
    @Bean
    public LookupRateLimiter lookupRateLimiter(Clock clock,
                                               @Value("${motcua.workflow.lookup.max-tries:10}") int maxTries,
                                               @Value("${motcua.workflow.lookup.window:PT1M}") Duration window) {
        return new LookupRateLimiter(maxTries, window, clock);
    }
}
