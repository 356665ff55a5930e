package dev.sessionstate.api;

import dev.sessionstate.core.FieldPatch;
import dev.sessionstate.core.NewSession;
import dev.sessionstate.core.SessionPatch;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns the bodies of session requests into core requests: the create body, the rotate body and
 * the merge patch of settings. Unknown members and members of the wrong type are refused with INVALID_FIELD, so
 * that a typo never passes silently.
 */
public final class SessionBodies {

    private static final Set<String> CREATE_FIELDS =
            Set.of("timeoutSeconds", "readOnly", "items", "maxLifetimeSeconds", "cookieless", "owner");
    private static final Set<String> ROTATE_FIELDS = Set.of("owner");
    private static final Set<String> PATCH_FIELDS =
            Set.of("timeoutSeconds", "readOnly", "commandParm", "lcid", "codePage", "maxLifetimeSeconds", "cookieless");

    private final JsonBodies bodies;

    public SessionBodies(JsonBodies bodies) {
        this.bodies = bodies;
    }

    /**
     * The create request; no body, or the body {@code null} (what generated clients send when given
     * no request object), asks for all defaults.
     */
    public NewSession create(byte[] body) {
        if (absent(body)) {
            return new NewSession(null, false, Map.of());
        }
        Map<String, String> members = members(body, CREATE_FIELDS);
        String items = members.get("items");
        Map<String, String> initial = items == null || items.equals("null") ? Map.of() : objectField("items", items);
        Boolean readOnly = bool("readOnly", members.get("readOnly"));
        Boolean cookieless = bool("cookieless", members.get("cookieless"));
        String owner = members.get("owner");
        return new NewSession(
                integer("timeoutSeconds", members.get("timeoutSeconds")),
                readOnly != null && readOnly,
                initial,
                integer("maxLifetimeSeconds", members.get("maxLifetimeSeconds")),
                cookieless != null && cookieless,
                owner == null || owner.equals("null") ? null : owner(owner));
    }

    /**
     * The owner a rotate request gives the session, or null for none: no body, {@code {}}, a null
     * owner, or the body {@code null} (what generated clients send when given no request object).
     */
    public String rotateOwner(byte[] body) {
        if (absent(body)) {
            return null;
        }
        String owner = members(body, ROTATE_FIELDS).get("owner");
        return owner == null || owner.equals("null") ? null : owner(owner);
    }

    /** A JSON merge patch (RFC 7386) of the session's settings; null resets a member to its default. */
    public SessionPatch patch(byte[] body) {
        Map<String, String> members = members(body, PATCH_FIELDS);
        return new SessionPatch(
                field(members, "timeoutSeconds", raw -> integer("timeoutSeconds", raw)),
                field(members, "readOnly", raw -> bool("readOnly", raw)),
                field(members, "commandParm", raw -> bodies.string("commandParm", raw)),
                field(members, "lcid", raw -> integer("lcid", raw)),
                field(members, "codePage", raw -> integer("codePage", raw)),
                field(members, "maxLifetimeSeconds", raw -> integer("maxLifetimeSeconds", raw)),
                field(members, "cookieless", raw -> bool("cookieless", raw)));
    }

    /** Whether an optional body is absent: empty, or the JSON text {@code null} (white space alone is no JSON text). */
    private static boolean absent(byte[] body) {
        if (body == null) {
            return true;
        }
        int start = 0;
        int end = body.length;
        while (start < end && isJsonSpace(body[start])) {
            start++;
        }
        while (end > start && isJsonSpace(body[end - 1])) {
            end--;
        }
        return body.length == 0
                || (end - start == 4
                        && body[start] == 'n'
                        && body[start + 1] == 'u'
                        && body[start + 2] == 'l'
                        && body[start + 3] == 'l');
    }

    private static boolean isJsonSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }

    private Map<String, String> members(byte[] body, Set<String> allowed) {
        LinkedHashMap<String, String> members = bodies.object(body);
        for (String name : members.keySet()) {
            if (!allowed.contains(name)) {
                throw invalid("Unknown member '" + name + "'; allowed are "
                        + String.join(", ", allowed.stream().sorted().toList()) + ".");
            }
        }
        return members;
    }

    /** The owner member: a JSON string of 1 to 256 characters, else a 400 invalid-owner. */
    private String owner(String raw) {
        if (!raw.startsWith("\"")) {
            throw new ProblemException(ProblemType.INVALID_OWNER, "owner must be a JSON string.");
        }
        return OwnerChecks.check(bodies.string("owner", raw), "The owner member");
    }

    private Map<String, String> objectField(String name, String raw) {
        if (!raw.startsWith("{")) {
            throw invalid(name + " must be a JSON object.");
        }
        return bodies.object(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static <T> FieldPatch<T> field(
            Map<String, String> members, String name, java.util.function.Function<String, T> read) {
        return members.containsKey(name) ? FieldPatch.of(read.apply(members.get(name))) : FieldPatch.absent();
    }

    private static Integer integer(String name, String raw) {
        if (raw == null || raw.equals("null")) {
            return null;
        }
        try {
            return Integer.valueOf(raw);
        } catch (NumberFormatException e) {
            throw invalid(name + " must be a 32-bit integer; got " + abbreviate(raw) + ".");
        }
    }

    private static Boolean bool(String name, String raw) {
        if (raw == null || raw.equals("null")) {
            return null;
        }
        return switch (raw) {
            case "true" -> true;
            case "false" -> false;
            default -> throw invalid(name + " must be true or false; got " + abbreviate(raw) + ".");
        };
    }

    private static String abbreviate(String raw) {
        return raw.length() <= 40 ? raw : raw.substring(0, 40) + "...";
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_FIELD, detail);
    }
}
