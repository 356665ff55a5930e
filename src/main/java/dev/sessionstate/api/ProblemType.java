package dev.sessionstate.api;

import dev.sessionstate.core.SessionException;

/**
 * Every problem this service answers with: a stable type URI, its HTTP status and a fixed title.
 * Types never change meaning; clients may switch on them.
 */
public enum ProblemType {
    SESSION_NOT_FOUND(404, "Session not found"),
    ITEM_NOT_FOUND(404, "Item not found"),
    INDEX_OUT_OF_RANGE(404, "Index out of range"),
    NOT_FOUND(404, "Resource not found"),
    EVENTS_DISABLED(404, "Events disabled"),
    READ_ONLY(409, "Session is read-only"),
    PRECONDITION_FAILED(412, "Precondition failed"),
    SESSION_LOCKED(423, "Session locked"),
    TYPE_MISMATCH(422, "Value has another type"),
    COUNTER_OVERFLOW(422, "Counter overflow"),
    INVALID_KEY(400, "Invalid item key"),
    INVALID_FIELD(422, "Invalid field"),
    INVALID_PARAMETER(400, "Invalid parameter"),
    INVALID_OWNER(400, "Invalid owner"),
    INVALID_HEADER(400, "Invalid header"),
    MALFORMED_JSON(400, "Malformed JSON"),
    NESTING_TOO_DEEP(422, "JSON nested too deeply"),
    VALUE_TOO_LARGE(413, "Value too large"),
    SESSION_TOO_LARGE(413, "Session too large"),
    TOO_MANY_ITEMS(422, "Too many items"),
    REQUEST_TOO_LARGE(413, "Request body too large"),
    UNEXPECTED_BODY(400, "Unexpected body"),
    UNSUPPORTED_MEDIA_TYPE(415, "Unsupported media type"),
    NOT_ACCEPTABLE(406, "Not acceptable"),
    METHOD_NOT_ALLOWED(405, "Method not allowed"),
    UNAUTHENTICATED(401, "Authentication required"),
    FORBIDDEN(403, "Forbidden"),
    OWNER_LIMIT_REACHED(409, "Owner's session limit reached"),
    OWNER_MISMATCH(409, "Session has another owner"),
    CAPACITY_EXHAUSTED(507, "Session capacity exhausted"),
    STORE_UNAVAILABLE(503, "Session store unavailable"),
    WRITE_CONTENTION(503, "Write contention"),
    INTERNAL_ERROR(500, "Internal error");

    /** Prefix of every type URI. */
    public static final String URI_PREFIX = "urn:session-state:problem:";

    private final int status;
    private final String title;
    private final String uri;

    ProblemType(int status, String title) {
        this.status = status;
        this.title = title;
        this.uri = URI_PREFIX + name().toLowerCase().replace('_', '-');
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String uri() {
        return uri;
    }

    /** The problem type of a refusal from the core. */
    public static ProblemType of(SessionException.Kind kind) {
        return switch (kind) {
            case SESSION_NOT_FOUND -> SESSION_NOT_FOUND;
            case ITEM_NOT_FOUND -> ITEM_NOT_FOUND;
            case INDEX_OUT_OF_RANGE -> INDEX_OUT_OF_RANGE;
            case READ_ONLY -> READ_ONLY;
            case PRECONDITION_FAILED -> PRECONDITION_FAILED;
            case TYPE_MISMATCH -> TYPE_MISMATCH;
            case COUNTER_OVERFLOW -> COUNTER_OVERFLOW;
            case INVALID_KEY -> INVALID_KEY;
            case INVALID_FIELD -> INVALID_FIELD;
            case VALUE_TOO_LARGE -> VALUE_TOO_LARGE;
            case SESSION_TOO_LARGE -> SESSION_TOO_LARGE;
            case TOO_MANY_ITEMS -> TOO_MANY_ITEMS;
            case CAPACITY_EXHAUSTED -> CAPACITY_EXHAUSTED;
            case STORE_UNAVAILABLE -> STORE_UNAVAILABLE;
            case WRITE_CONTENTION -> WRITE_CONTENTION;
            case SESSION_LOCKED -> SESSION_LOCKED;
            case OWNER_LIMIT_REACHED -> OWNER_LIMIT_REACHED;
            case OWNER_MISMATCH -> OWNER_MISMATCH;
        };
    }
}
