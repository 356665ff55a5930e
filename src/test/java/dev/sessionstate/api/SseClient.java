package dev.sessionstate.api;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client over real HTTP (the JDK client), for tests: it reads the stream on a
 * thread of its own and hands out frames (events and comments) in order.
 */
final class SseClient implements AutoCloseable {

    /** HTTP/1.1, as curl and browsers speak it to the service behind a proxy. */
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static final Duration WAIT = Duration.ofSeconds(15);

    /** One frame: an event (id, event, data; id may be null) or a comment (only comment). */
    record Frame(String id, String event, String data, String comment) {

        boolean isComment() {
            return comment != null;
        }
    }

    private final HttpResponse<Stream<String>> response;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final Thread reader;
    private volatile boolean ended;

    private SseClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-test-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens {@code uri} with these request headers and waits for the answer's headers. */
    static SseClient open(URI uri, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .GET();
        headers.forEach(request::header);
        try {
            return new SseClient(HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("No answer from " + uri, e);
        }
    }

    int status() {
        return response.statusCode();
    }

    HttpResponse<Stream<String>> response() {
        return response;
    }

    /** The next frame, failing the test when none comes in time. */
    Frame next() {
        try {
            Frame frame = frames.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            assertNotNull(frame, ended ? "The stream ended" : "No frame within " + WAIT);
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event, skipping comments; fails when none comes within the wait, however many comments do. */
    Frame nextEvent() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Frame frame = next();
        while (frame.isComment()) {
            assertTrue(System.nanoTime() < deadline, "Only keep-alive comments for " + WAIT);
            frame = next();
        }
        return frame;
    }

    /** Waits until the server ends the stream, reading its comments; fails on an event, or when it does not end. */
    void awaitEnd() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!ended()) {
            assertTrue(System.nanoTime() < deadline, "The stream did not end within " + WAIT);
            try {
                Frame frame = frames.poll(100, TimeUnit.MILLISECONDS);
                assertTrue(frame == null || frame.isComment(), () -> "An event where the stream should end: " + frame);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Whether the server ended the stream (after every frame it sent was read). */
    boolean ended() {
        return ended && frames.isEmpty();
    }

    private void read() {
        String id = null;
        String event = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (data != null || event != null) {
                        frames.add(new Frame(id, event, data == null ? null : data.toString(), null));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    frames.add(new Frame(null, null, null, line.substring(1).strip()));
                } else if (line.startsWith("id:")) {
                    id = value(line);
                } else if (line.startsWith("event:")) {
                    event = value(line);
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder() : data.append('\n');
                    data.append(value(line));
                }
            }
        } catch (UncheckedIOException closed) {
            // the test closed the stream, or the server ended it
        } finally {
            ended = true;
        }
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (RuntimeException e) {
            // already closed
        }
        reader.interrupt();
    }
}
