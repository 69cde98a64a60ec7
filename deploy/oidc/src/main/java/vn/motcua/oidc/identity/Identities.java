package vn.motcua.oidc.identity;

import java.util.List;
import java.util.Optional;

/** Everyone the provider knows: confidential clients (client credentials) and users (authorization code). */
public record Identities(List<Identity> clients, List<Identity> users) {
    public Identities {
        clients = List.copyOf(clients);
        users = List.copyOf(users);
    }

    public Optional<Identity> client(String clientId) {
        return clients.stream().filter(c -> c.name().equals(clientId)).findFirst();
    }

    public Optional<Identity> user(String username) {
        return users.stream().filter(u -> u.name().equals(username)).findFirst();
    }
}
