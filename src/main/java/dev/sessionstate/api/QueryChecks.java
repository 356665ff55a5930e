package dev.sessionstate.api;

import jakarta.inject.Singleton;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses query parameters that an operation does not take, or takes once but were given more
 * times: a misspelt {@code ?tpye=int32} or a second {@code delta} would otherwise be ignored,
 * and the request would do something else than the caller asked. The plain item routes hand
 * every request with a query string to the REST layer, so this sees them all.
 */
@Singleton
public class QueryChecks {

    private final Map<Method, Set<String>> known = new ConcurrentHashMap<>();

    @ServerRequestFilter
    public void check(UriInfo uri, ResourceInfo resource) {
        Map<String, List<String>> given = uri.getQueryParameters();
        if (given.isEmpty() || resource.getResourceMethod() == null) {
            return;
        }
        Set<String> names = known.computeIfAbsent(resource.getResourceMethod(), QueryChecks::names);
        for (Map.Entry<String, List<String>> parameter : given.entrySet()) {
            if (!names.contains(parameter.getKey())) {
                throw new ProblemException(
                        ProblemType.INVALID_PARAMETER,
                        "This operation takes no query parameter '" + parameter.getKey() + "'"
                                + (names.isEmpty() ? "." : "; it takes " + String.join(", ", names) + "."));
            }
            if (parameter.getValue().size() > 1) {
                throw new ProblemException(
                        ProblemType.INVALID_PARAMETER,
                        "The query parameter '" + parameter.getKey() + "' is given more than once.");
            }
        }
    }

    /** The names of a resource method's query parameters. */
    private static Set<String> names(Method method) {
        Set<String> names = new TreeSet<>();
        for (Annotation[] annotations : method.getParameterAnnotations()) {
            for (Annotation annotation : annotations) {
                if (annotation instanceof QueryParam query) {
                    names.add(query.value());
                }
            }
        }
        return names;
    }
}
