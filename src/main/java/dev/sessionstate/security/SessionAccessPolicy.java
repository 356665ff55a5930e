package dev.sessionstate.security;

import dev.sessionstate.config.AuthMode;
import dev.sessionstate.config.Role;
import dev.sessionstate.config.SessionsConfig;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityPolicy;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Who may do what, by path and method, for every request on the main port: the REST resources and
 * the plain Vert.x item routes alike, since Quarkus checks this policy before any of them runs
 * (a global policy: it has no name). Reads need {@code reader} or {@code writer}, the forced
 * release of a lease and the owner operations ({@code GET}, {@code DELETE /sessions?owner=})
 * {@code admin}, the event stream {@code events}, anything else {@code writer}; only the OpenAPI
 * document and Swagger UI are open. Paths are allowed, not denied, by listing: an unknown path
 * needs a role like any other, so a new operation is never open by accident. With
 * {@code sessions.auth.mode=none} everything is allowed.
 *
 * <p>Refusals fail the request ({@link UnauthorizedException}, {@link ForbiddenException}) so that
 * {@link AuthProblems} answers them with problem documents.
 */
@Singleton
public class SessionAccessPolicy implements HttpSecurityPolicy {

    private static final List<String> OPEN_PREFIXES = List.of("/q/openapi", "/q/swagger-ui");
    private static final List<Role> READ = List.of(Role.READER, Role.WRITER);
    private static final List<Role> WRITE = List.of(Role.WRITER);
    private static final List<Role> ADMINISTER = List.of(Role.ADMIN);
    private static final List<Role> SUBSCRIBE = List.of(Role.EVENTS);
    /** The event stream, {@code GET /events}: the events role only (it spans the application's sessions). */
    private static final Pattern EVENTS = Pattern.compile("^/events/?$");
    /** The administrative operation: the forced release of a lease, {@code DELETE /sessions/{id}/lock}. */
    private static final Pattern FORCED_RELEASE = Pattern.compile("^/sessions/[^/]+/lock/?$");
    /** The owner operations, {@code GET} and {@code DELETE /sessions?owner=}: every session of an owner at once. */
    private static final Pattern OWNER_SESSIONS = Pattern.compile("^/sessions/?$");

    private final boolean open;

    public SessionAccessPolicy(SessionsConfig config) {
        this.open = config.auth().mode().contains(AuthMode.NONE);
    }

    @Override
    public Uni<CheckResult> checkPermission(
            RoutingContext request, Uni<SecurityIdentity> identity, AuthorizationRequestContext context) {
        List<Role> allowed = open ? List.of() : required(request.request().method(), request.normalizedPath());
        if (allowed.isEmpty()) {
            return CheckResult.permit();
        }
        return identity.onItem().transformToUni(caller -> {
            if (caller.isAnonymous()) {
                return Uni.createFrom().failure(new UnauthorizedException());
            }
            if (allowed.stream().anyMatch(role -> caller.hasRole(role.value()))) {
                return CheckResult.permit();
            }
            return Uni.createFrom()
                    .failure(new ForbiddenException("This operation needs the role "
                            + String.join(
                                    " or ", allowed.stream().map(Role::value).toList()) + "."));
        });
    }

    /** The roles of which a caller needs one for this request; none for open paths. */
    static List<Role> required(HttpMethod method, String path) {
        boolean read = method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
        if (read && OPEN_PREFIXES.stream().anyMatch(path::startsWith)) {
            return List.of();
        }
        if (EVENTS.matcher(path).matches()) {
            return SUBSCRIBE;
        }
        if (method == HttpMethod.DELETE && FORCED_RELEASE.matcher(path).matches()) {
            return ADMINISTER;
        }
        // Any query (or none, which the operation refuses): listing or ending sessions by owner is administrative.
        if ((read || method == HttpMethod.DELETE)
                && OWNER_SESSIONS.matcher(path).matches()) {
            return ADMINISTER;
        }
        return read ? READ : WRITE;
    }
}
