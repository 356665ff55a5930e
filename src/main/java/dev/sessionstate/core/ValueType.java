package dev.sessionstate.core;

/**
 * The type a typed read or write asks for, after JobSession's Get/SetUserInt32 and
 * Get/SetUserString. A value of another type is refused, never converted.
 */
public enum ValueType {
    /** Any JSON value. */
    ANY,
    /** A JSON integer literal between -2^31 and 2^31-1. */
    INT32,
    /** A JSON string. */
    STRING;

    /** Throws TYPE_MISMATCH unless {@code json} is of this type. */
    public void check(String key, String json) {
        boolean ok = switch (this) {
            case ANY -> true;
            case STRING -> json.startsWith("\"");
            case INT32 ->
                JsonIntegers.parse(json) instanceof Long n && n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE;
        };
        if (!ok) {
            throw new SessionException(
                    SessionException.Kind.TYPE_MISMATCH,
                    "The value of '" + key + "' is not of type " + name().toLowerCase() + ".");
        }
    }
}
