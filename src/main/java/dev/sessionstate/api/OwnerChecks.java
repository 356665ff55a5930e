package dev.sessionstate.api;

/** The owner of sessions as the API takes it: in a create body and in the {@code owner} query parameter. */
final class OwnerChecks {

    static final int MAX_LENGTH = 256;

    static final String DOC =
            "Whose session it is: any string of 1 to 256 characters that the caller chooses, such as a"
                    + " user id or the value of a browser cookie that ties the windows of one browser together";

    private OwnerChecks() {}

    /** {@code owner} when it has 1 to 256 characters (Unicode code points); otherwise a 400 invalid-owner. */
    static String check(String owner, String where) {
        if (owner == null) {
            throw new ProblemException(ProblemType.INVALID_OWNER, where + " needs an owner.");
        }
        int length = owner.codePointCount(0, owner.length());
        if (length < 1 || length > MAX_LENGTH) {
            throw new ProblemException(
                    ProblemType.INVALID_OWNER,
                    "An owner has 1 to " + MAX_LENGTH + " characters; " + where + " has " + length + ".");
        }
        return owner;
    }
}
