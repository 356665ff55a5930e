package dev.sessionstate.api;

import java.util.Locale;

/**
 * The media-type headers of the API, parsed by hand because they are read on every request: a
 * {@code Content-Type} of JSON in UTF-8, an {@code Accept} list that takes JSON, and the charset
 * a body declares. Parameters and white space follow RFC 9110 (section 8.3.1, 12.5.1).
 */
final class MediaTypes {

    static final String JSON = "application/json";
    /** JSON with the charset that .NET, OkHttp and RestAssured name, as they name it. */
    private static final String JSON_UTF8 = "application/json; charset=utf-8";

    private MediaTypes() {}

    /**
     * True for {@code application/json} with no parameter other than {@code charset=utf-8}, in
     * any case and white space: JSON texts are UTF-8 (RFC 8259), and clients such as .NET, OkHttp
     * and RestAssured name the charset.
     */
    static boolean isJsonUtf8(String contentType) {
        if (contentType == null) {
            return false;
        }
        if (contentType.equalsIgnoreCase(JSON) || contentType.equalsIgnoreCase(JSON_UTF8)) {
            return true;
        }
        String[] parts = contentType.split(";");
        if (!parts[0].strip().equalsIgnoreCase(JSON)) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String[] param = parameter(parts[i]);
            if (param == null || !param[0].equals("charset") || !isUtf8(param[1])) {
                return false;
            }
        }
        return true;
    }

    /** The charset parameter of a media type, unquoted, or null when it names none. */
    static String charset(String contentType) {
        if (contentType == null || contentType.indexOf(';') < 0) {
            return null;
        }
        if (contentType.equalsIgnoreCase(JSON_UTF8)) {
            return contentType.substring(JSON_UTF8.length() - "utf-8".length());
        }
        String[] parts = contentType.split(";");
        for (int i = 1; i < parts.length; i++) {
            String[] param = parameter(parts[i]);
            if (param != null && param[0].equals("charset")) {
                return param[1];
            }
        }
        return null;
    }

    static boolean isUtf8(String charset) {
        return charset.equalsIgnoreCase("utf-8");
    }

    /**
     * True when an {@code Accept} header takes {@code application/json}: absent, or a list with
     * {@code application/json}, {@code application/*} or {@code *}{@code /*} at a weight above 0, and
     * {@code application/json} itself not refused with {@code q=0}. Ranges with parameters other
     * than {@code q} are left to the REST layer's full negotiation (false).
     */
    static boolean acceptsJson(String accept) {
        if (accept == null || accept.equals(JSON) || accept.equals("*/*")) {
            return true;
        }
        if (accept.indexOf(';') < 0) {
            return anyRangeTakesJson(accept);
        }
        boolean taken = false;
        for (String range : accept.split(",")) {
            String[] parts = range.split(";");
            String type = parts[0].strip().toLowerCase(Locale.ROOT);
            boolean json = type.equals(JSON);
            if (!json && !type.equals("application/*") && !type.equals("*/*")) {
                continue;
            }
            Double q = weight(parts);
            if (q == null || json && q == 0) {
                return false;
            }
            taken |= q > 0;
        }
        return taken;
    }

    /**
     * {@link #acceptsJson} for a list without parameters, where every range has weight 1: whether
     * one of them is {@code application/json}, {@code application/*} or {@code *}{@code /*}. Scans
     * the header in place, since most clients send such a list with every request.
     */
    private static boolean anyRangeTakesJson(String accept) {
        int start = 0;
        while (start <= accept.length()) {
            int end = accept.indexOf(',', start);
            if (end < 0) {
                end = accept.length();
            }
            int from = start;
            int to = end;
            while (from < to && Character.isWhitespace(accept.charAt(from))) {
                from++;
            }
            while (to > from && Character.isWhitespace(accept.charAt(to - 1))) {
                to--;
            }
            if (is(accept, from, to, JSON) || is(accept, from, to, "application/*") || is(accept, from, to, "*/*")) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean is(String text, int from, int to, String type) {
        return to - from == type.length() && text.regionMatches(true, from, type, 0, type.length());
    }

    /** The q of a media range's parameters (1 when absent), or null for other parameters or a bad value. */
    private static Double weight(String[] parts) {
        double q = 1;
        for (int i = 1; i < parts.length; i++) {
            String[] param = parameter(parts[i]);
            if (param == null || !param[0].equals("q")) {
                return null;
            }
            try {
                q = Double.parseDouble(param[1]);
            } catch (NumberFormatException e) {
                return null;
            }
            if (q < 0 || q > 1) {
                return null;
            }
        }
        return q;
    }

    /** A {@code name=value} parameter with its name in lower case and its value unquoted, or null. */
    private static String[] parameter(String text) {
        int eq = text.indexOf('=');
        if (eq < 0) {
            return null;
        }
        String name = text.substring(0, eq).strip().toLowerCase(Locale.ROOT);
        String value = text.substring(eq + 1).strip();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        return name.isEmpty() ? null : new String[] {name, value};
    }
}
