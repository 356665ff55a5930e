package dev.sessionstate.api;

import static dev.sessionstate.api.Api.createSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sessionstate.store.infinispan.InfinispanServer;
import dev.sessionstate.store.infinispan.TestServers;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A two-node Infinispan cluster with two owners per session loses a node to {@code kill -9} while
 * writers keep changing sessions through the service. No session and no acknowledged write may be
 * lost; how many requests failed during the switch is reported (standard output and
 * {@code target/node-loss.txt}).
 */
@QuarkusTest
@TestProfile(InfinispanNodeLossTest.TwoNodes.class)
class InfinispanNodeLossTest {

    private static final String CLUSTER = "sessions-pair";
    private static final String MEMBERS = "127.0.0.1[7902],127.0.0.1[7903]";
    private static final InfinispanServer FIRST = TestServers.stopAtExit(InfinispanServer.node("pair-1", 300, 7902, CLUSTER, MEMBERS));
    private static final InfinispanServer SECOND = TestServers.stopAtExit(InfinispanServer.node("pair-2", 301, 7903, CLUSTER, MEMBERS));

    private static final int WRITERS = 4;
    private static final int SESSIONS_PER_WRITER = 5;
    /** The load is bounded in time and in requests, whichever ends first. */
    private static final Duration LOAD = Duration.ofSeconds(8);
    private static final int MAX_REQUESTS_PER_WRITER = 5_000;
    private static final Duration KILL_AFTER = Duration.ofSeconds(2);

    /** The service on the pair, knowing both nodes. */
    public static class TwoNodes implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "sessions.store.kind", "infinispan",
                    "sessions.infinispan.cache", "pair-sessions",
                    "quarkus.infinispan-client.hosts", FIRST.address() + ";" + SECOND.address(),
                    "quarkus.infinispan-client.use-auth", "false");
        }
    }

    @BeforeAll
    static void startCluster() throws Exception {
        FIRST.start();
        SECOND.start();
        awaitMembers(FIRST, 2, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopCluster() {
        FIRST.close();
        SECOND.close();
    }

    @Test
    void killingANodeUnderLoadLosesNoSessionAndNoAcknowledgedWrite() throws Exception {
        List<List<String>> sessions = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            List<String> own = new ArrayList<>();
            for (int s = 0; s < SESSIONS_PER_WRITER; s++) {
                own.add(createSession());
            }
            sessions.add(own);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String base = "http://127.0.0.1:" + ConfigProvider.getConfig().getValue("quarkus.http.test-port", Integer.class);
        Instant end = Instant.now().plus(LOAD);
        AtomicLong requests = new AtomicLong();
        AtomicLong failed = new AtomicLong();

        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        List<Future<Writer>> writers = new ArrayList<>();
        for (List<String> own : sessions) {
            writers.add(pool.submit(() -> new Writer(own).run(http, base, end, requests, failed)));
        }
        Thread.sleep(KILL_AFTER.toMillis());
        long beforeKill = requests.get();
        FIRST.kill();
        Instant killedAt = Instant.now();

        List<Writer> done = new ArrayList<>();
        for (Future<Writer> writer : writers) {
            done.add(writer.get(LOAD.toSeconds() + 30, TimeUnit.SECONDS));
        }
        pool.shutdown();

        String report = "node loss: %d requests (%d before the kill), %d failed; load ran %d ms after the kill"
                .formatted(requests.get(), beforeKill, failed.get(), Duration.between(killedAt, Instant.now()).toMillis());
        System.out.println(report);
        Files.writeString(Path.of("target", "node-loss.txt"), report + System.lineSeparator());

        assertTrue(requests.get() > beforeKill + WRITERS, "the load went on after the kill: " + report);
        for (Writer writer : done) {
            for (String id : writer.sessions) {
                HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create(base + "/sessions/" + id + "/items/n"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                long acknowledged = writer.acknowledged.getOrDefault(id, 0L);
                if (acknowledged == 0) {
                    assertEquals(200, http.send(HttpRequest.newBuilder(URI.create(base + "/sessions/" + id)).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode(), "session " + id + " is still there");
                    continue;
                }
                assertEquals(200, stored.statusCode(), "session " + id + " and its item survive");
                long value = Long.parseLong(stored.body());
                // A write that failed on the client's side may still have been applied, so the
                // stored value may be newer than the last acknowledged one, never older.
                assertTrue(value >= acknowledged && value <= writer.attempted.get(id),
                        "session " + id + ": stored " + value + ", acknowledged " + acknowledged);
            }
        }
    }

    /** Writes 1, 2, 3... to item {@code n} of its sessions in turn, remembering what was acknowledged. */
    private static final class Writer {
        final List<String> sessions;
        final Map<String, Long> acknowledged = new java.util.HashMap<>();
        final Map<String, Long> attempted = new java.util.HashMap<>();

        Writer(List<String> sessions) {
            this.sessions = sessions;
        }

        Writer run(HttpClient http, String base, Instant end, AtomicLong requests, AtomicLong failed) {
            for (long n = 1; n <= MAX_REQUESTS_PER_WRITER && Instant.now().isBefore(end); n++) {
                String id = sessions.get((int) (n % sessions.size()));
                attempted.put(id, n);
                requests.incrementAndGet();
                try {
                    HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(base + "/sessions/" + id + "/items/n"))
                            .timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/json")
                            .PUT(HttpRequest.BodyPublishers.ofString(Long.toString(n))).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() / 100 == 2) {
                        acknowledged.put(id, n);
                    } else {
                        failed.incrementAndGet();
                    }
                } catch (IOException e) {
                    failed.incrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            return this;
        }
    }

    private static void awaitMembers(InfinispanServer node, int members, Duration limit) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(limit);
        String body = "";
        while (Instant.now().isBefore(deadline)) {
            body = http.send(HttpRequest.newBuilder(node.restUri().resolve("container/health")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (body.replace(" ", "").contains("\"number_of_nodes\":" + members)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the cluster did not reach " + members + " members within " + limit + ": " + body);
    }
}
