package vn.motcua.intake.personaldata;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code motcua.personal-data.*}.
 *
 * @param masterKey          the master key (KEK), base64 of 32 random bytes; env MOTCUA_PERSONAL_DATA_MASTER_KEY
 * @param masterKeyFile      or a file holding it (base64); created with a fresh random key if missing (local
 *                           stack: in its data directory). With neither set the service refuses to start.
 * @param retention          how long after receipt the applicant's data is kept (e.g. P5Y); empty: forever
 * @param retentionInterval  how often the retention job looks for expired dossiers
 * @param retentionBatchSize dossiers erased per transaction by the retention job
 */
@ConfigurationProperties("motcua.personal-data")
public record PersonalDataProperties(String masterKey, Path masterKeyFile, Period retention,
                                     @DefaultValue("1h") Duration retentionInterval,
                                     @DefaultValue("500") int retentionBatchSize) {
}
