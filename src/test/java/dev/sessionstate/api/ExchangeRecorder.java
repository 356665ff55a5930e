package dev.sessionstate.api;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.http.Header;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A RestAssured filter that keeps the request as it went on the wire, in the validator's model, so
 * that OpenApiConformanceTest can check the request and its answer against the document.
 */
final class ExchangeRecorder implements Filter {

    private Request request;

    @Override
    public Response filter(
            FilterableRequestSpecification spec, FilterableResponseSpecification responseSpec, FilterContext ctx) {
        Response response = ctx.next(spec, responseSpec);
        URI uri = URI.create(spec.getURI());
        SimpleRequest.Builder builder = new SimpleRequest.Builder(spec.getMethod(), uri.getRawPath());
        Object body = spec.getBody();
        // RestAssured labels a POST without a body as a form; with no body there is no content to check.
        headers(spec.getHeaders().asList()).entrySet().stream()
                .filter(header -> body != null || !header.getKey().equalsIgnoreCase("Content-Type"))
                .forEach(header -> builder.withHeader(header.getKey(), header.getValue()));
        query(uri.getRawQuery()).forEach(builder::withQueryParam);
        if (body instanceof String text) {
            builder.withBody(text);
        } else if (body instanceof byte[] bytes) {
            builder.withBody(bytes);
        }
        request = builder.build();
        return response;
    }

    /** The request of the last exchange. */
    Request request() {
        if (request == null) {
            throw new IllegalStateException(
                    "No request went through the recorder: use the spec the exchange is given.");
        }
        return request;
    }

    /** A RestAssured response in the validator's model. */
    static com.atlassian.oai.validator.model.Response response(Response response) {
        SimpleResponse.Builder builder = SimpleResponse.Builder.status(response.statusCode());
        headers(response.getHeaders().asList()).forEach(builder::withHeader);
        String body = response.asString();
        if (!body.isEmpty()) {
            builder.withBody(body);
        }
        return builder.build();
    }

    /** Header values by name, in the order they came; a name may come more than once. */
    static Map<String, List<String>> headers(List<Header> headers) {
        return headers.stream()
                .collect(Collectors.groupingBy(
                        Header::getName,
                        LinkedHashMap::new,
                        Collectors.mapping(Header::getValue, Collectors.toList())));
    }

    private static Map<String, List<String>> query(String rawQuery) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return params;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
