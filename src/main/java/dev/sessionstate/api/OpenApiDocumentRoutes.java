package dev.sessionstate.api;

import io.smallrye.openapi.api.SmallRyeOpenAPI;
import io.smallrye.openapi.runtime.io.Format;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The OpenAPI document, answered from the committed copy ({@code src/main/openapi/openapi.json}, which the build puts
 * on the class path and {@code OpenApiDocumentTest} holds equal to the document the build generates from the code)
 * at the paths, in the formats and with the media types of SmallRye OpenAPI's endpoint: its path (YAML, or JSON when
 * {@code Accept} names {@code application/json} or {@code ?format=json}) and that path with {@code .json},
 * {@code .yaml} and {@code .yml}. The path is {@code quarkus.smallrye-openapi.path}, {@code /q/openapi} by default,
 * resolved as Quarkus resolves it (see {@link #resolve}).
 *
 * <p>Why: SmallRye OpenAPI rebuilds its model of the generated document at every start, whatever its configuration,
 * about a second on JDK 17 (bench/RESULTS.md, "Start-up"); the build removes that copy from the package (pom.xml), and
 * this answers with bytes. The YAML form is made from the JSON by SmallRye's own serializer on its first request.
 * {@code OPTIONS} goes on to SmallRye's handler, which answers it as before. Runs after Quarkus' security handlers,
 * like the endpoint it stands in for.
 */
@Singleton
public class OpenApiDocumentRoutes {

    /** Where the build copies the committed document (pom.xml, resources). */
    static final String RESOURCE = "openapi/openapi.json";
    /** After Quarkus' security handlers and body limit (-2), before SmallRye's own routes. */
    private static final int ORDER = -1;

    private final String path;
    private final byte[] json;
    /** Made on the first request for YAML; two first requests at once may both make it, to the same bytes. */
    private volatile byte[] yaml;

    public OpenApiDocumentRoutes(
            @ConfigProperty(name = "quarkus.http.non-application-root-path", defaultValue = "q")
                    String nonApplicationRoot,
            @ConfigProperty(name = "quarkus.smallrye-openapi.path", defaultValue = "openapi") String openApiPath) {
        this.path = resolve(nonApplicationRoot, openApiPath);
        try (InputStream in = OpenApiDocumentRoutes.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the class path");
            }
            json = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(@Observes Router router) {
        for (String route : List.of(path, path + ".json", path + ".yaml", path + ".yml")) {
            router.route(route).order(ORDER).blockingHandler(this::answer, false);
        }
    }

    /**
     * The path of a non-application endpoint, as Quarkus resolves it: an absolute {@code path} stands as it is, a
     * relative one under the non-application root ({@code quarkus.http.non-application-root-path}, itself under
     * {@code /}). The HTTP root path ({@code quarkus.http.root-path}) is not taken into account: this service leaves
     * it at {@code /}.
     */
    static String resolve(String nonApplicationRoot, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        String root = nonApplicationRoot.startsWith("/") ? nonApplicationRoot : "/" + nonApplicationRoot;
        return root.endsWith("/") ? root + path : root + "/" + path;
    }

    private void answer(RoutingContext ctx) {
        if (ctx.request().method() == HttpMethod.OPTIONS) {
            ctx.next();
            return;
        }
        Format format = format(ctx);
        ctx.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, format.getMimeType() + ";charset=UTF-8")
                .end(Buffer.buffer(format == Format.JSON ? json : yaml()));
    }

    /** As SmallRye OpenAPI chooses: by the path's extension, else by {@code Accept} or {@code ?format=}. */
    private static Format format(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.endsWith(".json")) {
            return Format.JSON;
        }
        if (path.endsWith(".yaml") || path.endsWith(".yml")) {
            return Format.YAML;
        }
        String accept = ctx.request().getHeader(HttpHeaders.ACCEPT);
        List<String> param = ctx.queryParam("format");
        boolean json = (accept != null && accept.contains(Format.JSON.getMimeType()))
                || (!param.isEmpty() && "JSON".equalsIgnoreCase(param.get(0)));
        return json ? Format.JSON : Format.YAML;
    }

    private byte[] yaml() {
        byte[] made = yaml;
        if (made == null) {
            made = SmallRyeOpenAPI.builder()
                    .enableModelReader(false)
                    .enableStandardStaticFiles(false)
                    .enableAnnotationScan(false)
                    .enableStandardFilter(false)
                    .withCustomStaticFile(() -> new ByteArrayInputStream(json))
                    .build()
                    .toYAML()
                    .getBytes(StandardCharsets.UTF_8);
            yaml = made;
        }
        return made;
    }
}
