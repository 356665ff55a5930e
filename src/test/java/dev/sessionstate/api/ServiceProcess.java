package dev.sessionstate.api;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One instance of the packaged service ({@code target/quarkus-app/quarkus-run.jar}) on
 * 127.0.0.1, for tests that need more than the one instance that Quarkus starts. Its output goes
 * to {@code target/service-<port>.log}. Its management interface (health, metrics) listens on a
 * free port of its own, so that instances started side by side do not meet on 9000.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final int managementPort;
    private final List<String> command;
    private Process process;

    ServiceProcess(int port, Map<String, String> config) {
        this.port = port;
        this.managementPort = freePort();
        this.command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-Dquarkus.http.host=127.0.0.1");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dquarkus.management.host=127.0.0.1");
        command.add("-Dquarkus.management.port=" + managementPort);
        config.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of(
                "-jar", Path.of("target", "quarkus-app", "quarkus-run.jar").toString()));
    }

    /** Starts the instance and waits until it is ready (which, on Infinispan, means it has its cache). */
    ServiceProcess start() {
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            Path.of("target", "service-" + port + ".log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpRequest ready = HttpRequest.newBuilder(URI.create(managementUri() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
            await("service on port " + port + " ready")
                    .atMost(START_TIMEOUT)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> isReady(ready));
        } catch (ConditionTimeoutException e) {
            close();
            throw new IllegalStateException(
                    "service on port " + port + " was not ready within " + START_TIMEOUT + "; see target/service-"
                            + port + ".log",
                    e);
        }
        return this;
    }

    private boolean isReady(HttpRequest ready) throws InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("service on port " + port + " exited with " + process.exitValue()
                    + "; see target/service-" + port + ".log");
        }
        try {
            return HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    String baseUri() {
        return "http://127.0.0.1:" + port;
    }

    /** Where health and metrics answer. */
    String managementUri() {
        return "http://127.0.0.1:" + managementPort;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the instance as {@code kill -9} does: no shutdown hook runs, nothing is released. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    /** Stops the instance as Kubernetes does (SIGTERM: in-flight requests finish) and waits for it. */
    @Override
    public void close() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }
}
