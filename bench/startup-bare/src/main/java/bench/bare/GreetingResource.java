package bench.bare;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The bare application's one endpoint: a small JSON document, written by Jackson. */
@Path("/greeting")
public class GreetingResource {

    /** What the endpoint answers. */
    public record Greeting(String text, int n) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Greeting greeting() {
        return new Greeting("hello world", 1);
    }
}
