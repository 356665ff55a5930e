package dev.sessionstate.deploy;

import static dev.sessionstate.deploy.Manifests.at;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * Holds the Grafana dashboard and the alert rules of {@code k8s/monitoring/} to the metrics the
 * service exports: after some traffic, every metric name in every query of the dashboard and in
 * every rule's expression is in the service's Prometheus scrape. (promtool checks and unit-tests
 * the rules themselves: .ci/monitoring.) The service runs with events on and two webhook endpoints
 * of a real receiver ({@link MonitoringProfile}), since the delivery meters exist only once an
 * endpoint has had an event delivered, retried or dropped.
 */
@QuarkusTest
@TestProfile(MonitoringProfile.class)
class MonitoringTest {

    /** Where Prometheus scrapes the service; the one place to change if metrics move. */
    private static final String METRICS = "/q/metrics";

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "inf", "nan", "atan2");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:$])([a-zA-Z_:][\\w:]*+)(?!\\s*\\()");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][\\w:]*)\\s*,");

    @Test
    void everyMetricOfTheDashboardAndTheAlertsIsExported() throws IOException {
        sendTraffic();
        Set<String> used = new TreeSet<>();
        dashboardQueries().forEach(query -> used.addAll(metricNames(query)));
        alertExpressions().forEach(expr -> used.addAll(metricNames(expr)));
        assertTrue(
                used.containsAll(Set.of(
                        "http_server_requests_seconds_bucket",
                        "sessions_store_available",
                        "sessions_capacity",
                        "sessions_store_operations_seconds_bucket",
                        "jvm_gc_pause_seconds_sum",
                        "events_append_failures_total",
                        "events_dropped_total",
                        "events_delivery_latency_seconds_bucket",
                        "events_subscribers")),
                used.toString());

        Set<String> exported = exportedNames(scrape());
        Set<String> missing = new TreeSet<>(used);
        missing.removeAll(exported);
        assertEquals(Set.of(), missing, "used by k8s/monitoring but not exported; exported: " + exported);
    }

    @Test
    void storeAvailabilityAndCapacityArePublished() {
        String metrics = scrape();
        assertTrue(metrics.contains("sessions_store_available{store=\"memory\"} 1.0"), metrics);
        assertTrue(metrics.contains("sessions_capacity{store=\"memory\"} 1000000.0"), metrics);
    }

    @Test
    void metricNamesAreTheIdentifiersThatAreNeitherFunctionsNorLabels() {
        assertEquals(
                Set.of("a_bucket", "b", "c:rate5m"),
                metricNames("histogram_quantile(0.99, sum by (job, le) (rate(a_bucket{x=\"y\", "
                        + "z=~\"w|v\"}[$__rate_interval])))"
                        + " / on(job) group_left(le) b offset 5m > 1e3 and ignoring (q) "
                        + "c:rate5m{job=~\"$job\"} unless bool 0.5"));
    }

    /**
     * Creates, reads, writes, misses (404) and ends sessions while an SSE client listens, waits for
     * their events to be delivered to one webhook endpoint and dropped by the other after a retry,
     * and lets a GC happen, so that every meter exists.
     */
    private static void sendTraffic() throws IOException {
        try (Stream<String> stream = openEventStream()) {
            await().atMost(Duration.ofSeconds(30)).until(() -> scrape().contains("events_subscribers 1.0"));
            sendSessionTraffic();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String metrics = scrape();
            return counted(metrics, "events_delivered_total{endpoint=\"acknowledging\"")
                    && counted(metrics, "events_retried_total{endpoint=\"failing\"")
                    && counted(metrics, "events_dropped_total{endpoint=\"failing\",reason=\"attempts\"");
        });
        System.gc();
        await().atMost(Duration.ofSeconds(30)).until(() -> scrape().contains("jvm_gc_pause_seconds_count"));
    }

    /** Whether a sample whose name and first labels are {@code prefix} is above 0 (every counter starts at 0). */
    private static boolean counted(String exposition, String prefix) {
        return exposition
                .lines()
                .filter(line -> line.startsWith(prefix))
                .anyMatch(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)) > 0);
    }

    /** GET /events over real HTTP; the stream is open once its headers came. Closing it ends the subscription. */
    private static Stream<String> openEventStream() throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/events"))
                .header("Accept", "text/event-stream")
                .build();
        try {
            HttpResponse<Stream<String>> response = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .build()
                    .send(request, HttpResponse.BodyHandlers.ofLines());
            assertEquals(200, response.statusCode());
            return response.body();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static void sendSessionTraffic() {
        String id = given().post("/sessions").then().statusCode(201).extract().path("id");
        given().get("/sessions/{id}", id).then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"sku\":\"A-1\"}")
                .put("/sessions/{id}/items/cart", id)
                .then()
                .statusCode(201);
        given().get("/sessions/{id}/items/cart", id).then().statusCode(200);
        given().post("/sessions/{id}/items/visits/increment", id).then().statusCode(200);
        given().get("/sessions/{id}/items/absent", id).then().statusCode(404);
        given().delete("/sessions/{id}", id).then().statusCode(204);
        given().get("/sessions/{id}", id).then().statusCode(404);
    }

    private static String scrape() {
        return given().port(ConfigProvider.getConfig()
                        .getOptionalValue("quarkus.management.test-port", Integer.class)
                        .orElse(9001))
                .get(METRICS)
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    /** The sample names of a Prometheus text exposition ({@code _bucket}, {@code _count}... as they appear). */
    private static Set<String> exportedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                names.add(line.split("[{ ]", 2)[0]);
            }
        }
        return names;
    }

    private static List<String> dashboardQueries() throws IOException {
        JsonNode dashboard =
                new ObjectMapper().readTree(Files.readString(Manifests.K8S.resolve("monitoring/dashboard.json")));
        List<String> queries = new ArrayList<>();
        dashboard.findValues("expr").forEach(expr -> queries.add(expr.asText()));
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText());
            if (m.find()) {
                queries.add(m.group(1));
            }
        }
        assertTrue(queries.size() >= 26, "queries found in the dashboard: " + queries);
        return queries;
    }

    private static List<String> alertExpressions() {
        List<String> expressions = new ArrayList<>();
        List<Map<String, Object>> groups = at(Manifests.read("monitoring/alerts.yaml"), "spec", "groups");
        for (Map<String, Object> group : groups) {
            List<Map<String, Object>> rules = at(group, "rules");
            rules.forEach(rule -> expressions.add((String) rule.get("expr")));
        }
        assertEquals(9, expressions.size(), expressions.toString());
        return expressions;
    }

    /**
     * The metric names in a PromQL expression: identifiers that are not function names (followed
     * by "("), not label names (in braces or in by/without/on/ignoring/group_* lists) and not
     * keywords. Strings, label matchers and ranges are removed first.
     */
    static Set<String> metricNames(String expr) {
        String bare = expr.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"")
                .replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(bare);
        while (m.find()) {
            if (!KEYWORDS.contains(m.group(1).toLowerCase())) {
                names.add(m.group(1));
            }
        }
        return names;
    }
}
