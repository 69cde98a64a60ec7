package vn.motcua.reporting.projection;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/** {@code motcua.projector.*}: whether the projector runs and how much it takes per transaction. */
@ConfigurationProperties("motcua.projector")
public record ProjectorSettings(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "2000") int maxPollRecords,
        @Bindable(defaultValue = "500ms") Duration pollTimeout) {
}
