package dev.sessionstate.events;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs webhook requests as the Standard Webhooks specification says: HMAC-SHA256 with the
 * endpoint's secret over {@code <webhook-id>.<webhook-timestamp>.<body>}, sent as
 * {@code webhook-signature: v1,<base64>}. The secret is configured as {@code whsec_<base64>}; the
 * key is the bytes the base64 part decodes to.
 */
public final class WebhookSigner {

    static final String PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private WebhookSigner(byte[] key) {
        this.key = new SecretKeySpec(key, ALGORITHM);
    }

    /** The signer of a {@code whsec_<base64>} secret; refuses any other form. */
    public static WebhookSigner of(String secret) {
        if (secret == null || !secret.startsWith(PREFIX)) {
            throw new IllegalArgumentException("A webhook secret has the form whsec_<base64>");
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring(PREFIX.length()));
            if (key.length == 0) {
                throw new IllegalArgumentException("A webhook secret must not be empty");
            }
            return new WebhookSigner(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("A webhook secret has the form whsec_<base64>", e);
        }
    }

    /** The {@code webhook-signature} value for this id, timestamp (epoch seconds) and body. */
    public String sign(String id, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
