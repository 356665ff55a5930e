package dev.sessionstate.store.infinispan;

/**
 * The Infinispan server that the tests of one JVM share: started by the first test that needs it,
 * stopped when the JVM exits. Tests that stop or kill nodes start their own.
 */
public final class TestServers {

    private static InfinispanServer shared;

    private TestServers() {}

    /** The shared node (Hot Rod and REST on 127.0.0.1:11322). */
    public static synchronized InfinispanServer shared() {
        if (shared == null) {
            shared = stopAtExit(InfinispanServer.single("shared", 100, 7900)).start();
        }
        return shared;
    }

    /** Registers {@code server} to be killed when the JVM exits, so no node outlives the build. */
    public static InfinispanServer stopAtExit(InfinispanServer server) {
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "stop-infinispan"));
        return server;
    }
}
