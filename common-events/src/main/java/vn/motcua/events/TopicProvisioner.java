package vn.motcua.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the contract's topics if they are missing, so whichever service starts first finds them ready. The
 * partition count bounds how many instances of a consumer share the work; it only matters at first creation.
 */
public final class TopicProvisioner {
    public static final int DEFAULT_PARTITIONS = 6;

    private TopicProvisioner() {
    }

    public static void ensureContractTopics(String bootstrapServers, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            for (String topic : List.of(Topics.CATALOGUE, Topics.DOSSIER_INTAKE, Topics.DOSSIER_WORKFLOW,
                    Topics.PETITION)) {
                try {
                    // The broker's default replication (3 in production, 1 on a laptop); events kept for ever,
                    // because a projection rebuild replays the topics from the beginning.
                    NewTopic newTopic = new NewTopic(topic, Optional.of(partitions), Optional.empty())
                            .configs(Map.of("retention.ms", "-1"));
                    admin.createTopics(List.of(newTopic))
                            .all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer", e);
        }
    }
}
