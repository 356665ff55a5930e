package dev.sessionstate.core;

/**
 * One member of a JSON merge patch: absent (leave as is), or present with a value, where a null
 * value means "reset".
 */
public record FieldPatch<T>(boolean present, T value) {

    private static final FieldPatch<?> ABSENT = new FieldPatch<>(false, null);

    @SuppressWarnings("unchecked")
    public static <T> FieldPatch<T> absent() {
        return (FieldPatch<T>) ABSENT;
    }

    public static <T> FieldPatch<T> of(T value) {
        return new FieldPatch<>(true, value);
    }

    /** The patched value: {@code current} when absent, {@code reset} when null, else the new value. */
    public T apply(T current, T reset) {
        if (!present) {
            return current;
        }
        return value == null ? reset : value;
    }
}
