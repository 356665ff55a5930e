package dev.sessionstate.config;

import dev.sessionstate.core.Session;

/** How a caller's application is named between the security layer, which finds it, and the API, which uses it. */
public final class Applications {

    /** The attribute of the caller's security identity that names its application. */
    public static final String ATTRIBUTE = "application";

    /** The one application when authentication is off, and of a caller whose credentials name none. */
    public static final String DEFAULT = Session.DEFAULT_APPLICATION;

    private Applications() {}
}
