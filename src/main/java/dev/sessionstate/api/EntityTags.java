package dev.sessionstate.api;

import dev.sessionstate.core.Precondition;
import dev.sessionstate.core.Session;
import java.util.HashSet;
import java.util.Set;

/**
 * Session versions as HTTP entity tags: the strong tag {@code "<version>"}, and the If-Match and
 * If-None-Match headers that name them.
 */
public final class EntityTags {

    private EntityTags() {}

    public static String of(Session session) {
        return "\"" + session.version() + "\"";
    }

    /**
     * The precondition of an If-Match header: none when absent or {@code *}, else the versions it
     * lists. Weak tags never match, as RFC 9110 asks for If-Match.
     */
    public static Precondition ifMatch(String header) {
        if (header == null || header.isBlank() || header.strip().equals("*")) {
            return Precondition.NONE;
        }
        Set<Long> versions = new HashSet<>();
        for (String part : header.split(",")) {
            String tag = part.strip();
            if (tag.startsWith("W/\"")) {
                continue;
            }
            if (tag.length() < 3 || !tag.startsWith("\"") || !tag.endsWith("\"")) {
                throw invalid("If-Match must list quoted entity tags, such as \"3\", or be *.");
            }
            try {
                versions.add(Long.parseLong(tag.substring(1, tag.length() - 1)));
            } catch (NumberFormatException e) {
                // A tag this service never issued can match no version.
                versions.add(-1L);
            }
        }
        return Precondition.versionIn(versions);
    }

    /** True when an If-None-Match header asks to create only; null headers ask nothing. */
    public static boolean createOnly(String header) {
        if (header == null) {
            return false;
        }
        if (header.strip().equals("*")) {
            return true;
        }
        throw invalid("Item writes support If-None-Match only as *, to create an item that does not exist.");
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(ProblemType.INVALID_HEADER, detail);
    }
}
