package dev.sessionstate.core;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session ids: 128 bits from {@link SecureRandom}, base64url without padding (22 characters).
 * Ids are never chosen by clients, so a well-formedness check can turn away guesses without
 * asking the store.
 */
public final class SessionIds {

    private static final int BYTES = 16;
    private static final int LENGTH = 22;

    private final SecureRandom random = new SecureRandom();
    private final Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();

    public String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return encoder.encodeToString(bytes);
    }

    /** True when {@code id} has the shape of an id this class makes. */
    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = id.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
