package dev.sessionstate.store.infinispan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sessionstate.core.OwnerMember;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON form of an owner's document:
 * {@code {"owner":"...","members":{"<id>":{"reservedAt":<epoch ms>,"horizon":<epoch ms>}}}}.
 * The owner is kept in the document for operators; the key carries only its hash, so that keys
 * stay short whatever the owner.
 */
final class OwnerDocuments {

    private final ObjectMapper json = new ObjectMapper();

    /** {@code <application>:<base64url of the SHA-256 of the owner's UTF-8>}. */
    static String key(String application, String owner) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(owner.getBytes(StandardCharsets.UTF_8));
            return application + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    String write(String owner, Map<String, OwnerMember> members) {
        ObjectNode document = json.createObjectNode();
        document.put("owner", owner);
        ObjectNode entries = document.putObject("members");
        members.forEach((id, member) -> entries.putObject(id)
                .put("reservedAt", member.reservedAt().toEpochMilli())
                .put("horizon", member.horizon().toEpochMilli()));
        return document.toString();
    }

    Map<String, OwnerMember> read(String text) {
        JsonNode entries;
        try {
            entries = json.readTree(text).path("members");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable owner document", e);
        }
        Map<String, OwnerMember> members = new HashMap<>();
        entries.fields()
                .forEachRemaining(entry -> members.put(
                        entry.getKey(),
                        new OwnerMember(
                                Instant.ofEpochMilli(
                                        entry.getValue().path("reservedAt").asLong()),
                                Instant.ofEpochMilli(
                                        entry.getValue().path("horizon").asLong()))));
        return members;
    }
}
