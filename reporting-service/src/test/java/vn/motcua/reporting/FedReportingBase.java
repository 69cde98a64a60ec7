package vn.motcua.reporting;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import vn.motcua.testsupport.JsonHttp;

/**
 * The setup of the tests that feed events to a running service and read its reports, written once: the service
 * on the shared embedded PostgreSQL and Kafka, in a database and consumer group of its own (the subclass names the
 * database), an {@link EventFeed} and an admin's {@link #client}. Subclasses are
 * {@code @MicronautTest @TestInstance(PER_CLASS)}.
 */
public abstract class FedReportingBase implements TestPropertyProvider {
    @Inject
    protected EmbeddedServer server;

    protected EventFeed feed;
    protected JsonHttp<JsonNode> client;

    /** The database of this test class (tests sharing one would see each other's rows). */
    protected abstract String database();

    @Override
    public Map<String, String> getProperties() {
        return ReportingInfra.properties(database(), ReportingInfra.uniqueGroup(database().replace('_', '-')));
    }

    @BeforeAll
    void connect() {
        feed = new EventFeed(ReportingInfra.infra().bootstrapServers());
        client = ReportingInfra.client(server.getURI());
    }

    @AfterAll
    void disconnect() {
        feed.close();
    }
}
