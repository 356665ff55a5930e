package dev.sessionstate.core;

import java.util.Map;

/**
 * An owner's index document as read: session ids to their entries, and the version that a
 * {@link OwnerIndex#replace} must find to replace it.
 *
 * @param members ids to entries; empty when the owner has no document
 * @param version the document's version, or null when there is no document
 */
public record OwnerMembers(Map<String, OwnerMember> members, Long version) {

    public static final OwnerMembers NONE = new OwnerMembers(Map.of(), null);

    public OwnerMembers {
        members = Map.copyOf(members);
    }
}
