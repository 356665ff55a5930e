package dev.sessionstate.store.infinispan;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Infinispan Server node on 127.0.0.1, run as a child process from the jars that the build
 * resolved ({@code src/test/infinispan/pom.xml}, class path in
 * {@code target/infinispan-server/classpath.txt}) with the configuration in
 * {@code src/test/infinispan/conf}. Nodes given the same cluster name and initial hosts form one
 * cluster. Starting fails loudly (an exception, never a skipped test) when the server cannot start.
 */
public final class InfinispanServer implements AutoCloseable {

    /** Hot Rod and REST share one port: 11222 plus the node's port offset. */
    private static final int BASE_PORT = 11222;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Path BUILD = Path.of("target", "infinispan-server");
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final int portOffset;
    private final List<String> command;
    private final Path root;
    private Process process;

    private InfinispanServer(String name, int portOffset, List<String> command, Path root) {
        this.name = name;
        this.portOffset = portOffset;
        this.command = command;
        this.root = root;
    }

    /** A node that forms a cluster of one. */
    public static InfinispanServer single(String name, int portOffset, int jgroupsPort) {
        return node(name, portOffset, jgroupsPort, name, "127.0.0.1[" + jgroupsPort + "]");
    }

    /**
     * A node of cluster {@code cluster}, whose members listen for JGroups on the ports in
     * {@code initialHosts} (such as {@code 127.0.0.1[7902],127.0.0.1[7903]}).
     */
    public static InfinispanServer node(
            String name, int portOffset, int jgroupsPort, String cluster, String initialHosts) {
        Path root = BUILD.resolve(name).toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "--add-exports",
                "java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
                "--add-opens",
                "java.base/java.util=ALL-UNNAMED",
                "--add-opens",
                "java.base/java.util.concurrent=ALL-UNNAMED",
                "-Dinfinispan.cluster.name=" + cluster,
                "-Dinfinispan.node.name=" + name,
                "-Djgroups.tcp.port=" + jgroupsPort,
                "-Djgroups.tcpping.initial_hosts=" + initialHosts,
                // The same offset on every node, or failure-detection sockets never connect.
                "-Djgroups.fd.port-offset=50000",
                "-cp",
                classPath(),
                "org.infinispan.server.Bootstrap",
                "-s",
                root.toString(),
                "-c",
                "infinispan.xml",
                "-b",
                "127.0.0.1",
                "-k",
                "127.0.0.1",
                "-o",
                Integer.toString(portOffset)));
        return new InfinispanServer(name, portOffset, command, root);
    }

    /** Starts the node on a fresh server root and waits until it reports itself healthy. */
    public InfinispanServer start() {
        try {
            prepareRoot();
        } catch (IOException e) {
            throw new UncheckedIOException("Infinispan server " + name + " did not start", e);
        }
        return startAgain();
    }

    /**
     * Starts the node on the server root of its last start, as it was left: the caches that were
     * created on it, and what their file stores hold, are back. Waits until it is healthy.
     */
    public InfinispanServer startAgain() {
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            root.resolve("log/server.out").toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Infinispan server " + name + " did not start", e);
        }
        awaitHealthy();
        return this;
    }

    /** {@code 127.0.0.1:port} of this node's Hot Rod and REST endpoint. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    public int port() {
        return BASE_PORT + portOffset;
    }

    /** The base of Infinispan's own REST API on this node. */
    public URI restUri() {
        return URI.create("http://" + address() + "/rest/v2/");
    }

    /** Kills the node at once ({@code kill -9}): no goodbye to the cluster or the clients. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** Stops the node as SIGTERM does (a clean shutdown: caches and stores closed) and waits until it is gone. */
    public void stop() {
        if (process != null) {
            process.destroy();
            waitFor();
        }
    }

    /** Kills the node and waits until it is gone. */
    @Override
    public void close() {
        kill();
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private void awaitHealthy() {
        HttpRequest health = HttpRequest.newBuilder(restUri().resolve("container/health/status"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            await("Infinispan server " + name + " healthy")
                    .atMost(START_TIMEOUT)
                    .pollInterval(POLL)
                    .until(() -> isHealthy(health));
        } catch (ConditionTimeoutException e) {
            close();
            throw new IllegalStateException(
                    "Infinispan server " + name + " was not healthy within " + START_TIMEOUT + "; see "
                            + root.resolve("log/server.out"),
                    e);
        }
    }

    private boolean isHealthy(HttpRequest health) throws InterruptedException {
        if (!process.isAlive()) {
            throw new IllegalStateException("Infinispan server " + name + " exited with " + process.exitValue()
                    + "; see " + root.resolve("log/server.out"));
        }
        try {
            // The port accepts connections before the server is ready and answers 503 until then.
            return HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    private void prepareRoot() throws IOException {
        // A fresh start: no caches or state from an earlier run. The log is kept and appended to.
        for (String dir : List.of("conf", "data")) {
            Path path = root.resolve(dir);
            if (Files.exists(path)) {
                try (Stream<Path> files = Files.walk(path)) {
                    files.sorted(Comparator.reverseOrder())
                            .forEach(p -> p.toFile().delete());
                }
            }
        }
        // lib/ must exist even when empty, or the bootstrap fails.
        for (String dir : List.of("conf", "data", "log", "lib")) {
            Files.createDirectories(root.resolve(dir));
        }
        Path conf = Path.of("src", "test", "infinispan", "conf");
        for (String file : List.of("infinispan.xml", "log4j2.xml")) {
            Files.copy(conf.resolve(file), root.resolve("conf").resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String classPath() {
        Path file = BUILD.resolve("classpath.txt");
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "No Infinispan server class path at " + file
                            + "; the build writes it in generate-test-resources (./mvnw verify)",
                    e);
        }
    }
}
