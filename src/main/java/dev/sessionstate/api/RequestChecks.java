package dev.sessionstate.api;

import dev.sessionstate.config.AuthMode;
import dev.sessionstate.config.SessionsConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks that every API request passes before the REST layer sees it, so that bad input is
 * refused, never quietly changed (the plain item routes, {@link ItemRoutes}, take only requests
 * that pass them, and hand every other on to them):
 * <ul>
 * <li>a path whose percent-encoding is not valid UTF-8 (400: it would be read with U+FFFD in
 * place of the bad bytes);
 * <li>a body over {@code sessions.limits.max-request-size} (413): by its Content-Length, before it
 * is read; a body of unknown length (chunked) as soon as more has come ({@link ChunkedBodies});
 * <li>a body in a charset other than UTF-8 (415: JSON is UTF-8);
 * <li>a body sent to an operation that takes none (400: it would be ignored).
 * </ul>
 */
@Singleton
public class RequestChecks {

    /** Runs before Quarkus' own body-size check (order -2), which answers without a problem document. */
    private static final int BEFORE_QUARKUS_LIMIT = -3;
    /**
     * With authentication off, ahead of Quarkus' security handlers (-200) as {@link ItemRoutes} are,
     * which come first and hand on to these checks every request they do not take.
     */
    static final int ORDER_WITHOUT_AUTH = -202;
    /** The uri tag of requests refused here, before any route has matched them. */
    static final String TEMPLATE = "/sessions/**";

    private final ProblemResponses problems;
    private final HttpRequestMetrics metrics;
    private final ChunkedBodies chunked;
    private final long maxRequestSize;
    private final int order;

    public RequestChecks(
            ProblemResponses problems, HttpRequestMetrics metrics, ChunkedBodies chunked, SessionsConfig config) {
        this.problems = problems;
        this.metrics = metrics;
        this.chunked = chunked;
        this.maxRequestSize = config.limits().maxRequestSize().asLongValue();
        this.order = config.auth().mode().contains(AuthMode.NONE) ? ORDER_WITHOUT_AUTH : BEFORE_QUARKUS_LIMIT;
    }

    void register(@Observes Router router) {
        router.route("/sessions*").order(order).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        long start = System.nanoTime();
        HttpServerRequest request = ctx.request();
        String path = request.path();
        if (path.indexOf('%') >= 0) {
            ProblemType invalid = badSegment(path);
            if (invalid != null) {
                refuse(ctx, invalid, "The path is not valid percent-encoded UTF-8.", start);
                return;
            }
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean hasBody =
                length != null && !length.equals("0") || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (!hasBody) {
            ctx.next();
            return;
        }
        if (!takesBody(request.method(), path)) {
            refuse(
                    ctx,
                    ProblemType.UNEXPECTED_BODY,
                    "This operation takes no body; send none (its parameters, such as "
                            + "increment's delta, go in the query string).",
                    start);
            return;
        }
        if (length != null && parse(length) > maxRequestSize) {
            request.response().putHeader(HttpHeaders.CONNECTION, "close");
            refuse(
                    ctx,
                    ProblemType.REQUEST_TOO_LARGE,
                    "The body has " + length + " bytes; at most " + maxRequestSize + " are allowed.",
                    start);
            return;
        }
        String charset = MediaTypes.charset(request.getHeader(HttpHeaders.CONTENT_TYPE));
        if (charset != null && !MediaTypes.isUtf8(charset)) {
            refuse(
                    ctx,
                    ProblemType.UNSUPPORTED_MEDIA_TYPE,
                    "JSON bodies are UTF-8; charset " + charset + " is not supported.",
                    start);
            return;
        }
        if (ChunkedBodies.unknownLength(request)) {
            chunked.read(
                    ctx,
                    maxRequestSize,
                    received -> refuse(
                            ctx,
                            ProblemType.REQUEST_TOO_LARGE,
                            "The body has more than " + maxRequestSize + " bytes (" + received
                                    + " came before it was refused); at most " + maxRequestSize + " are allowed.",
                            start));
            return;
        }
        ctx.next();
    }

    private void refuse(RoutingContext ctx, ProblemType type, String detail, long start) {
        problems.write(
                ctx.response(),
                new ProblemResponses.Answer(type, detail),
                ctx.request().path());
        metrics.record(ctx.request().method().name(), TEMPLATE, type.status(), start);
    }

    /**
     * Whether an operation reads a body: POST, PUT and PATCH do, but for the POSTs that only
     * act (abandon, touch, increment).
     */
    static boolean takesBody(HttpMethod method, String path) {
        if (method == HttpMethod.PUT || method == HttpMethod.PATCH) {
            return true;
        }
        return method == HttpMethod.POST
                && !(path.endsWith("/abandon") || path.endsWith("/touch") || path.endsWith("/increment"));
    }

    /**
     * The problem for a path with a segment that does not decode to UTF-8 (an item key's own
     * problem for the key of {@code /sessions/{id}/items/{key}}), or null when every segment decodes.
     */
    static ProblemType badSegment(String path) {
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (segments[i].indexOf('%') >= 0 && !decodes(segments[i])) {
                boolean key = i == 4 && segments.length == 5 && "items".equals(segments[3]);
                return key ? ProblemType.INVALID_KEY : ProblemType.INVALID_PARAMETER;
            }
        }
        return null;
    }

    /** Whether a path segment's %XX escapes are well-formed and its bytes valid UTF-8. */
    private static boolean decodes(String segment) {
        ByteBuffer bytes = ByteBuffer.allocate(segment.length() * 3);
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c != '%') {
                bytes.put(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            if (i + 2 >= segment.length()
                    || Character.digit(segment.charAt(i + 1), 16) < 0
                    || Character.digit(segment.charAt(i + 2), 16) < 0) {
                return false;
            }
            bytes.put((byte) Integer.parseInt(segment, i + 1, i + 3, 16));
            i += 2;
        }
        bytes.flip();
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(bytes);
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }
}
