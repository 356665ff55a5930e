package dev.sessionstate.security;

import dev.sessionstate.config.Role;
import dev.sessionstate.config.SessionsConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configured API-key clients, by the SHA-256 of their keys. Keys themselves are never
 * configured or kept: a key sent by a caller is hashed and its digest compared in constant time
 * with every configured digest.
 */
final class ApiKeys {

    private static final int SHA256_HEX_LENGTH = 64;

    /** One client, as a caller that sent one of its keys is known. */
    record Client(String name, Set<String> roles, String application) {}

    private record Entry(byte[] digest, Client client) {}

    private final List<Entry> entries = new ArrayList<>();

    /**
     * @throws IllegalArgumentException when a client has no key, or a value that is not a hex SHA-256;
     *     the message names the client, never the value
     */
    ApiKeys(Map<String, SessionsConfig.Auth.ApiKeyClient> clients) {
        clients.forEach((name, config) -> {
            Set<String> roles = config.roles().stream().map(Role::value).collect(Collectors.toUnmodifiableSet());
            Client client = new Client(name, roles, config.application());
            for (String hex : config.sha256()) {
                entries.add(new Entry(parse(name, hex.strip()), client));
            }
        });
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The client whose key this is. Takes as long for an unknown key as for a known one. */
    Optional<Client> find(String key) {
        byte[] digest = sha256(key);
        Client found = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), digest)) {
                found = entry.client();
            }
        }
        return Optional.ofNullable(found);
    }

    static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static byte[] parse(String client, String hex) {
        if (hex.length() != SHA256_HEX_LENGTH) {
            throw new IllegalArgumentException("sessions.auth.api-keys." + client
                    + ".sha256 holds a value that is not a hex SHA-256 (64 hex digits)");
        }
        try {
            return HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("sessions.auth.api-keys." + client
                    + ".sha256 holds a value that is not a hex SHA-256 (64 hex digits)");
        }
    }
}
