package vn.motcua.intake.personaldata;

import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import vn.motcua.calendar.WorkingHours;

/**
 * The retention policy ({@code motcua.personal-data.retention}, off when empty): an applicant's data is erased,
 * exactly as by {@code DELETE .../applicant} and audited as {@value PersonalDataAudit#RETENTION_POLICY}, once the
 * period has passed since the dossier's RECEIPT. Intake knows when a dossier was received, not when its result was
 * returned (that is workflow's), so the period counts from receipt: choose it with the longest processing in mind.
 */
@Component
class RetentionPolicy {
    private static final Logger log = LoggerFactory.getLogger(RetentionPolicy.class);

    private final ApplicantErasure erasure;
    private final PersonalDataProperties properties;
    private final Clock clock;
    private ScheduledExecutorService scheduler;

    RetentionPolicy(ApplicantErasure erasure, PersonalDataProperties properties, Clock clock) {
        this.erasure = erasure;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    synchronized void start() {
        if (properties.retention() == null || properties.retention().isZero() || scheduler != null) {
            return;
        }
        long every = Math.max(1, properties.retentionInterval().toSeconds());
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "personal-data-retention");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(this::runSafely, Math.min(every, 60), every, TimeUnit.SECONDS);
        log.info("personal-data retention: applicant data erased {} after receipt, checked every {} s",
                properties.retention(), every);
    }

    private void runSafely() {
        try {
            eraseExpired(properties.retention(), clock.instant());
        } catch (RuntimeException e) {
            log.warn("personal-data retention run failed; next run retries: {}", e.toString());
        }
    }

    /** Erases, batch by batch, every dossier received more than {@code retention} before {@code now}. */
    int eraseExpired(Period retention, Instant now) {
        Instant cutoff = now.atZone(WorkingHours.VIETNAM).minus(retention).toInstant();
        int total = 0;
        int batch;
        do {
            batch = erasure.eraseReceivedBefore(cutoff, properties.retentionBatchSize(),
                    PersonalDataAudit.RETENTION_POLICY);
            total += batch;
        } while (batch == properties.retentionBatchSize());
        if (total > 0) {
            log.info("personal-data retention: erased the applicant data of {} dossiers received before {}", total,
                    cutoff);
        }
        return total;
    }

    @PreDestroy
    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
