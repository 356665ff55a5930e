package dev.sessionstate.api;

import dev.sessionstate.core.ValueType;

/** The {@code type} query parameter of typed item access. */
final class ValueTypes {

    private ValueTypes() {}

    /** ANY when absent; {@code int32} or {@code string} otherwise. */
    static ValueType parse(String type) {
        if (type == null) {
            return ValueType.ANY;
        }
        return switch (type) {
            case "int32" -> ValueType.INT32;
            case "string" -> ValueType.STRING;
            default ->
                throw new ProblemException(
                        ProblemType.INVALID_PARAMETER, "type must be int32 or string; got '" + type + "'.");
        };
    }
}
