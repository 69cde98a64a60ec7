package vn.motcua.workflow.history;

import java.time.Clock;
import java.time.Duration;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import vn.motcua.spring.security.OfficeAccess;
import vn.motcua.workflow.dossier.Dossier;

@Configuration(proxyBeanMethods = false)
public class HistoryImportConfig {

    /** Settings under {@code motcua.workflow.history-import}: see the service's README. */
    @Bean
    public HistoryImporter historyImporter(JsonMapper json, Clock clock, JdbcTemplate jdbc, CommandBus commandBus,
                                           TransactionManager axonTransactionManager,
                                           TransactionTemplate transactions, OfficeAccess access,
                                           ObjectProvider<EventStorageEngine> storageEngine,
                                           ObjectProvider<org.axonframework.config.Configuration> axon,
                                           @Value("${motcua.workflow.max-clock-skew:PT5S}") Duration clockSkew,
                                           @Value("${motcua.workflow.history-import.group-lines:200}") int groupLines,
                                           @Value("${motcua.workflow.history-import.parallelism:4}") int parallelism,
                                           @Value("${motcua.workflow.history-import.progress-every:10000}")
                                           int progressEvery,
                                           @Value("${motcua.workflow.history-import.max-errors:1000}") int maxErrors) {
        return new HistoryImporter(new HistoryLineParser(json, clock, clockSkew), jdbc, commandBus,
                axonTransactionManager, transactions, access, clock,
                new HistoryImporter.Settings(Math.max(1, groupLines), Math.max(1, parallelism),
                        Math.max(1, progressEvery), Math.max(0, maxErrors)),
                storageEngine::getObject, () -> axon.getObject().repository(Dossier.class));
    }
}
