package dev.sessionstate.api;

/**
 * The id and key of an item's path, {@code /sessions/{id}/items/{key}}, as Vert.x' path pattern
 * {@code /sessions/:id/items/:key} would match them: each a non-empty segment, and a trailing
 * slash allowed. Neither is decoded: {@link ItemRoutes} hand on every path with a percent-encoding.
 */
record ItemPath(String id, String key) {

    static final String PREFIX = "/sessions/";
    private static final String ITEMS = "/items/";

    /** The id and key of {@code path}, or null when it is not an item's path. */
    static ItemPath of(String path) {
        if (!path.startsWith(PREFIX)) {
            return null;
        }
        int idEnd = path.indexOf('/', PREFIX.length());
        if (idEnd <= PREFIX.length() || !path.startsWith(ITEMS, idEnd)) {
            return null;
        }
        int keyStart = idEnd + ITEMS.length();
        int keyEnd = path.endsWith("/") ? path.length() - 1 : path.length();
        int slash = path.indexOf('/', keyStart);
        if (keyStart >= keyEnd || slash >= 0 && slash < keyEnd) {
            return null;
        }
        return new ItemPath(path.substring(PREFIX.length(), idEnd), path.substring(keyStart, keyEnd));
    }
}
