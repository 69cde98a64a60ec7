package vn.motcua.local.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The identities the local OpenID Provider serves, read from the same file it reads (the operator's, or the demo
 * set it generated in its data directory): to print the demo set, and to pick the client the demo signs in as.
 */
public record LocalIdentities(List<Entry> clients, List<Entry> users) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A client (id and secret) or a user (username and password), with the claims its tokens carry. */
    public record Entry(String name, String secret, List<String> roles, List<String> offices) {
    }

    public static LocalIdentities read(Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readString(file));
        return new LocalIdentities(entries(root.path("clients"), "clientId", "clientSecret"),
                entries(root.path("users"), "username", "password"));
    }

    /** A client that may do everything everywhere (admin, offices "*"): what the demo and the tests sign in as. */
    public Optional<Entry> superClient() {
        return clients.stream().filter(c -> c.roles().contains("admin") && c.offices().contains("*")).findFirst();
    }

    public Optional<Entry> client(String clientId) {
        return clients.stream().filter(c -> c.name().equals(clientId)).findFirst();
    }

    private static List<Entry> entries(JsonNode array, String nameField, String secretField) {
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : array) {
            entries.add(new Entry(node.path(nameField).asText(), node.path(secretField).asText(),
                    strings(node.path("roles")), strings(node.path("offices"))));
        }
        return entries;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }
}
