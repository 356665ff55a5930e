package dev.sessionstate.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A webhook receiver for tests: a real HTTP server on 127.0.0.1 that records every request and
 * checks its Standard Webhooks signature on its own (JDK HMAC, not the service's signer). Each path
 * behaves differently: {@code ok} and {@code other} acknowledge; {@code flaky} answers 500 to the
 * first two attempts of each event; {@code throttled} answers the first attempt with 429 and
 * {@code Retry-After: 2}; {@code stuck} answers 500 to events whose subject starts with
 * {@code poison} until {@link #unstick()}; {@code cluster} acknowledges unless told to refuse.
 */
final class WebhookReceiver {

    static final List<String> ENDPOINTS = List.of("ok", "flaky", "throttled", "stuck", "other");
    /** The endpoint of the cluster test: acknowledges, or answers 503 while {@link #refuse} says so. */
    static final String CLUSTER = "cluster";

    private static final String PORT = "test.webhook-receiver.port";
    private static WebhookReceiver shared;

    /** One request as received, with the status it was answered. */
    record Received(
            String endpoint,
            String id,
            String timestamp,
            String signature,
            String contentType,
            String body,
            boolean signatureValid,
            int answered,
            long nanos) {}

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private volatile boolean stuck = true;
    private volatile boolean refusing;

    private WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port()), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String name : ENDPOINTS) {
            server.createContext("/" + name, exchange -> answer(name, exchange));
        }
        server.createContext("/" + CLUSTER, exchange -> answer(CLUSTER, exchange));
        server.start();
    }

    static synchronized WebhookReceiver shared() {
        if (shared == null) {
            shared = new WebhookReceiver();
        }
        return shared;
    }

    /**
     * Where an endpoint receives. The port is chosen once per JVM and kept in a system property:
     * a Quarkus test profile and the test itself load this class in different class loaders, so a
     * static field would not be shared between them, and the receiver is bound by the test.
     */
    static synchronized String url(String endpoint) {
        return "http://127.0.0.1:" + port() + "/" + endpoint;
    }

    private static synchronized int port() {
        String chosen = System.getProperty(PORT);
        if (chosen == null) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                chosen = Integer.toString(socket.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(PORT, chosen);
        }
        return Integer.parseInt(chosen);
    }

    static String secret(String endpoint) {
        return "whsec_" + Base64.getEncoder().encodeToString(key(endpoint));
    }

    void unstick() {
        stuck = false;
    }

    void refuse(boolean refuse) {
        refusing = refuse;
    }

    /** Every request an endpoint received, in order. */
    List<Received> received(String endpoint) {
        return received.stream().filter(r -> r.endpoint().equals(endpoint)).toList();
    }

    /** The requests an endpoint received for events whose body contains {@code marker}, in order. */
    List<Received> received(String endpoint, String marker) {
        return received.stream()
                .filter(r -> r.endpoint().equals(endpoint) && r.body().contains(marker))
                .toList();
    }

    private void answer(String endpoint, HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        int attempt = attempts.computeIfAbsent(endpoint + " " + id, k -> new AtomicInteger())
                .incrementAndGet();
        int status = switch (endpoint) {
            case "flaky" -> attempt <= 2 ? 500 : 204;
            case "throttled" -> attempt == 1 ? 429 : 200;
            case "stuck" -> stuck && body.contains("\"subject\":\"poison") ? 500 : 200;
            case CLUSTER -> refusing ? 503 : 200;
            default -> 200;
        };
        received.add(new Received(
                endpoint,
                id,
                timestamp,
                signature,
                exchange.getRequestHeaders().getFirst("content-type"),
                body,
                valid(endpoint, id, timestamp, body, signature),
                status,
                System.nanoTime()));
        if (status == 429) {
            exchange.getResponseHeaders().add("Retry-After", "2");
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** Verifies as a receiver does: HMAC-SHA256 of id.timestamp.body, compared in constant time. */
    private static boolean valid(String endpoint, String id, String timestamp, String body, String signature) {
        if (id == null || timestamp == null || signature == null) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key(endpoint), "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String candidate : signature.split(" ")) {
                if (candidate.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] key(String endpoint) {
        return ("test-secret-of-the-" + endpoint + "-endpoint").getBytes(StandardCharsets.UTF_8);
    }
}
