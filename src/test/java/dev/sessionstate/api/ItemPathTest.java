package dev.sessionstate.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The item routes take their paths apart by hand; they must take exactly the paths, ids and keys
 * that Vert.x' pattern {@code /sessions/:id/items/:key} took (Vert.x 4.5 makes it this regular
 * expression, with an optional trailing slash).
 */
class ItemPathTest {

    private static final Pattern VERTX = Pattern.compile("/sessions/(?<p0>[^/]+)/items/(?<p1>[^/]+)/?");

    @Test
    void takesThePathsThatVertxPatternTakes() {
        for (String path : List.of(
                "/sessions/AAAAAAAAAAAAAAAAAAAAAA/items/cart",
                "/sessions/a/items/k/",
                "/sessions/a/items/k//",
                "/sessions/a/items/",
                "/sessions/a/items",
                "/sessions//items/k",
                "/sessions/a/b/items/k",
                "/sessions/a/items/k/x",
                "/sessions/a/itemsx/k",
                "/sessions/a/Items/k",
                "/sessions/items/items/items",
                "/sessions/a/items/a b+c:d;e",
                "/sessions/a",
                "/sessions/",
                "/sessions",
                "/sessionsx/a/items/k",
                "/other/sessions/a/items/k",
                "/sessions/a/items/k?x=1")) {
            Matcher vertx = VERTX.matcher(path);
            ItemPath ours = ItemPath.of(path);
            ItemPath expected = vertx.matches() ? new ItemPath(vertx.group("p0"), vertx.group("p1")) : null;
            assertEquals(expected, ours, path);
        }
    }
}
