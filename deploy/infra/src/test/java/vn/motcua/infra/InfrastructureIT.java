package vn.motcua.infra;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InfrastructureIT {

    @Test
    void sharedInstanceServesPostgresAndKafka() throws Exception {
        Infrastructure infra = Infrastructure.shared();
        assertThat(Infrastructure.shared()).isSameAs(infra);

        try (Connection c = DriverManager.getConnection(infra.jdbcUrl("intake"), infra.username(), infra.password());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT current_database()")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("intake");
        }

        infra.createTopics(3, "a", "b");
        infra.createTopics(3, "a", "b");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infra.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains("a", "b");
        }
    }
}
