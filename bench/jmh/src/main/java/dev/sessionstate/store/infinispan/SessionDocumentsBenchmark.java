package dev.sessionstate.store.infinispan;

import dev.sessionstate.core.Items;
import dev.sessionstate.core.Session;
import dev.sessionstate.core.SessionProperties;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Reading and writing one session document, as the Infinispan store does for every operation:
 * the service's {@link SessionDocuments} against the jackson-core candidate. Before measuring,
 * the setup checks that every codec writes the same document and reads it back to the same
 * session, so the codecs compared do the same work.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SessionDocumentsBenchmark {

    /** 2: the benchmarks' small session; 10: the load benchmarks' sessions; 20: about 4 KB of mixed values. */
    @Param({"2", "10", "20"})
    int items;

    @Param({"service", "jackson", "jackson-jdk-time"})
    String codec;

    private Function<Session, String> writer;
    private Function<String, Session> reader;
    private Session session;
    private String document;

    @Setup
    public void setUp() {
        SessionDocuments service = new SessionDocuments();
        JacksonSessionDocuments jackson = new JacksonSessionDocuments(false);
        JacksonSessionDocuments jacksonJdkTime = new JacksonSessionDocuments(true);
        session = session(items);
        document = service.write(session);
        check(document, jackson.write(session), "jackson writes another document");
        check(document, jacksonJdkTime.write(session), "jackson-jdk-time writes another document");
        for (Function<String, Session> read :
                List.<Function<String, Session>>of(service::read, jackson::read, jacksonJdkTime::read)) {
            check(describe(session), describe(read.apply(document)), "a codec reads another session");
        }
        switch (codec) {
            case "service" -> {
                writer = service::write;
                reader = service::read;
            }
            case "jackson" -> {
                writer = jackson::write;
                reader = jackson::read;
            }
            case "jackson-jdk-time" -> {
                writer = jacksonJdkTime::write;
                reader = jacksonJdkTime::read;
            }
            default -> throw new IllegalArgumentException(codec);
        }
    }

    @Benchmark
    public Session read() {
        return reader.apply(document);
    }

    @Benchmark
    public String write() {
        return writer.apply(session);
    }

    /** A session as the service keeps them: a 22-character id, microsecond timestamps (JDK 17's clock on Linux). */
    static Session session(int count) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i <= count; i++) {
            values.put("k" + i, count <= 10 ? "{\"n\":12345,\"s\":\"hello world\"}" : mixed(i));
        }
        return new Session(
                "q3Zt1Wb0Yd8xHf2LmN4pRs",
                Instant.parse("2026-11-22T06:00:00.123456Z"),
                Instant.parse("2026-11-22T06:14:09.987654Z"),
                1200,
                false,
                new SessionProperties(null, 1033, null),
                Items.of(values),
                42);
    }

    /** About 200 characters: nested objects and arrays, escapes, non-ASCII text, a fraction, a big integer. */
    private static String mixed(int i) {
        return "{\"sku\":\"SKU-" + (10_000 + i) + "\",\"name\":\"Größe L \\\"Blau\\\" \\u00e9t\\u00e9\",\"qty\":"
                + (i % 5 + 1)
                + ",\"price\":" + (i * 12.5) + ",\"tags\":[\"gift\",\"express\",null,true],"
                + "\"ship\":{\"street\":\"Hauptstraße " + i + "\",\"zip\":\"80331\",\"lines\":[1,2,3]},"
                + "\"ref\":123456789012345678901234567890}";
    }

    private static String describe(Session s) {
        return s.id()
                + ' '
                + s.createdAt()
                + ' '
                + s.lastAccessedAt()
                + ' '
                + s.timeoutSeconds()
                + ' '
                + s.readOnly()
                + ' '
                + s.properties()
                + ' '
                + s.version()
                + ' '
                + s.items().asMap();
    }

    private static void check(String expected, String actual, String what) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(what + ":\n" + expected + "\n" + actual);
        }
    }
}
