package dev.sessionstate.deploy;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A webhook receiver on 127.0.0.1, started before the service and configured as two endpoints:
 * {@code acknowledging} answers 204; {@code failing} answers 503 with {@code Retry-After: 0}, so
 * that each event is tried again at the next delivery round (the tests' clock stands still, and a
 * computed back-off would never pass) and then given up.
 */
public final class WebhookReceiverResource implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/acknowledging", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/failing", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Retry-After", "0");
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
        return Map.of(
                "sessions.events.webhooks.acknowledging.url",
                base + "acknowledging",
                "sessions.events.webhooks.acknowledging.secret",
                secret("acknowledging"),
                "sessions.events.webhooks.failing.url",
                base + "failing",
                "sessions.events.webhooks.failing.secret",
                secret("failing"));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static String secret(String endpoint) {
        byte[] key = ("monitoring-test-secret-of-" + endpoint).getBytes(StandardCharsets.UTF_8);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
