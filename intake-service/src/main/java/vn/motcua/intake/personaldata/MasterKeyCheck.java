package vn.motcua.intake.personaldata;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * At start: the first master key to wrap a data key is remembered (by its fingerprint); a service started with
 * another one refuses to run, rather than failing on every read and wrapping new keys under a second master key.
 * Runs after the migrations (it uses the database) and before the web server opens.
 */
@Component
public class MasterKeyCheck {
    MasterKeyCheck(JdbcTemplate jdbc, PersonalDataCipher cipher) {
        remember(jdbc, cipher.masterKeyId());
        String used = jdbc.queryForObject("SELECT master_key_id FROM personal_data_master_key", String.class);
        if (!cipher.masterKeyId().equals(used)) {
            throw new IllegalStateException("the personal-data master key (id " + cipher.masterKeyId()
                    + ") is not the one this database's data keys are wrapped with (id " + used + ")");
        }
    }

    /** Remembers the master key's id unless one is remembered already (also by the migration that seals). */
    public static void remember(JdbcTemplate jdbc, String masterKeyId) {
        jdbc.update("""
                INSERT INTO personal_data_master_key (master_key_id, first_used_at) VALUES (?, now())
                ON CONFLICT DO NOTHING""", masterKeyId);
    }
}
