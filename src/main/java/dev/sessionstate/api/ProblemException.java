package dev.sessionstate.api;

/** A request refused by the API layer itself, before it reaches the core (bad JSON, bad header...). */
public final class ProblemException extends RuntimeException {

    private final ProblemType type;

    public ProblemException(ProblemType type, String detail) {
        super(detail, null, false, false);
        this.type = type;
    }

    public ProblemType type() {
        return type;
    }
}
