package vn.motcua.oidc;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The provider started in the test's JVM on a free port, as the launcher would start its jar. */
final class RunningProvider implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    private final int port;

    private RunningProvider(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    static RunningProvider start(Path dataDir, Path identities) throws IOException {
        int port = freePort();
        return new RunningProvider(SpringApplication.run(OidcApplication.class, arguments(port, dataDir, identities)),
                port);
    }

    static String[] arguments(int port, Path dataDir, Path identities) {
        List<String> args = new ArrayList<>(List.of("--server.port=" + port,
                "--motcua.oidc.issuer=http://localhost:" + port,
                "--motcua.oidc.data-dir=" + dataDir,
                "--motcua.oidc.console-redirect-uris=http://localhost:8083/**",
                "--logging.level.root=WARN"));
        if (identities != null) {
            args.add("--motcua.oidc.identities=" + identities);
        }
        return args.toArray(String[]::new);
    }

    String url() {
        return "http://localhost:" + port;
    }

    @Override
    public void close() {
        context.close();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
