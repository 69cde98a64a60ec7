package vn.motcua.oidc.identity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.motcua.access.Role;
import vn.motcua.oidc.OidcProperties;

/**
 * The contract's identities file: {@code {"clients": [{clientId, clientSecret, roles, offices}], "users":
 * [{username, password, roles, offices}]}}. It is the operator's file, so secrets are in clear there; a mistake in
 * it stops the provider at start with a message naming the entry, rather than a role or office silently missing.
 */
public final class IdentitiesFile {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern OFFICE_ID = Pattern.compile("[A-Za-z0-9]+(\\.[A-Za-z0-9]+)*");
    private static final Set<String> ROOT_FIELDS = Set.of("clients", "users");

    private IdentitiesFile() {
    }

    public static Identities read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new InvalidIdentitiesException(file, "cannot be read (" + e + ")", e);
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new InvalidIdentitiesException(file, "is not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidIdentitiesException(file, "must be a JSON object with \"clients\" and/or \"users\"");
        }
        for (String field : root.propertyNames()) {
            if (!ROOT_FIELDS.contains(field)) {
                throw new InvalidIdentitiesException(file, "unknown field \"" + field + "\" (expected clients, users)");
            }
        }
        List<Identity> clients = entries(file, root, "clients", "clientId", "clientSecret");
        List<Identity> users = entries(file, root, "users", "username", "password");
        if (clients.isEmpty() && users.isEmpty()) {
            throw new InvalidIdentitiesException(file, "names no clients and no users");
        }
        if (clients.stream().anyMatch(c -> c.name().equals(OidcProperties.CONSOLE_CLIENT))) {
            throw new InvalidIdentitiesException(file, "clientId \"" + OidcProperties.CONSOLE_CLIENT
                    + "\" is reserved for the console's public client");
        }
        return new Identities(clients, users);
    }

    /** Writes identities in the same shape (the demo set, kept in the data directory between starts). */
    public static void write(Path file, Identities identities) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("clients", identities.clients().stream().map(c -> entry("clientId", "clientSecret", c)).toList());
        root.put("users", identities.users().stream().map(u -> entry("username", "password", u)).toList());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        PrivateFiles.ownerOnly(temporary);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Map<String, Object> entry(String nameField, String secretField, Identity identity) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put(nameField, identity.name());
        entry.put(secretField, identity.secret());
        entry.put("roles", identity.roles());
        entry.put("offices", identity.offices());
        return entry;
    }

    private static List<Identity> entries(Path file, JsonNode root, String list, String nameField,
                                          String secretField) {
        JsonNode array = root.get(list);
        List<Identity> identities = new ArrayList<>();
        if (array == null || array.isNull()) {
            return identities;
        }
        if (!array.isArray()) {
            throw new InvalidIdentitiesException(file, "\"" + list + "\" must be an array");
        }
        Set<String> names = new HashSet<>();
        Set<String> fields = Set.of(nameField, secretField, "roles", "offices");
        for (int i = 0; i < array.size(); i++) {
            String where = list + "[" + i + "]";
            JsonNode node = array.get(i);
            if (!node.isObject()) {
                throw new InvalidIdentitiesException(file, where + " must be an object");
            }
            for (Iterator<String> it = node.propertyNames().iterator(); it.hasNext(); ) {
                String field = it.next();
                if (!fields.contains(field)) {
                    throw new InvalidIdentitiesException(file, where + ": unknown field \"" + field
                            + "\" (expected " + nameField + ", " + secretField + ", roles, offices)");
                }
            }
            String name = text(file, node, where, nameField);
            where = where + " (" + name + ")";
            String secret = text(file, node, where, secretField);
            if (!names.add(name)) {
                throw new InvalidIdentitiesException(file, where + ": " + nameField + " appears twice");
            }
            List<String> roles = strings(file, node, where, "roles");
            for (String role : roles) {
                if (Role.fromClaim(role).isEmpty()) {
                    throw new InvalidIdentitiesException(file, where + ": unknown role \"" + role
                            + "\" (roles are clerk, officer, analyst, admin)");
                }
            }
            List<String> offices = strings(file, node, where, "offices");
            for (String office : offices) {
                if (!office.equals("*") && !OFFICE_ID.matcher(office).matches()) {
                    throw new InvalidIdentitiesException(file, where + ": \"" + office
                            + "\" is not an office id (letters, digits and dots, e.g. H29.21) nor \"*\"");
                }
            }
            identities.add(new Identity(name, secret, roles, offices));
        }
        return identities;
    }

    private static String text(Path file, JsonNode node, String where, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isString() || value.asString().isBlank()) {
            throw new InvalidIdentitiesException(file, where + ": \"" + field + "\" is missing or not a string");
        }
        return value.asString();
    }

    private static List<String> strings(Path file, JsonNode node, String where, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isArray()) {
            throw new InvalidIdentitiesException(file, where + ": \"" + field + "\" must be an array of strings");
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isString() || item.asString().isBlank()) {
                throw new InvalidIdentitiesException(file, where + ": \"" + field + "\" must be an array of strings");
            }
            items.add(item.asString());
        }
        return items;
    }
}
