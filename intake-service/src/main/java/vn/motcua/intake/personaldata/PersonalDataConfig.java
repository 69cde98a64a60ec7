package vn.motcua.intake.personaldata;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The cipher under the configured master key; the service does not start without one ({@link MasterKey}). */
@Configuration(proxyBeanMethods = false)
class PersonalDataConfig {
    @Bean
    PersonalDataCipher personalDataCipher(PersonalDataProperties properties) {
        return new PersonalDataCipher(MasterKey.load(properties.masterKey(), properties.masterKeyFile()));
    }
}
