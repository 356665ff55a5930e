package dev.sessionstate.security;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * API-key authentication with one client per role, configured as an operator would: only the
 * SHA-256 of each key (printf '%s' KEY | sha256sum). The writer has two keys, as while rotating.
 * Every client belongs to the application {@code shop} but {@code blog}, a writer of another
 * application.
 */
public class ApiKeyProfile implements QuarkusTestProfile {

    static final String READER = "ssk_reader_Rynfr9UhCgEzhZYL";
    static final String WRITER = "ssk_writer_A2dqmYvt-56Nh20J";
    static final String WRITER_OLD = "ssk_writer-old_sT9SgWR6EFPdSzY4";
    static final String EVENTS = "ssk_events_7rY-d9f0ztXqaQop";
    static final String ADMIN = "ssk_admin_MGAcB1YnCUcakTeo";
    static final String OTHER_APPLICATION = "ssk_blog_Q7cVb2LrNw9XeTz4";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("sessions.auth.mode", "api-key"),
                Map.entry(
                        "sessions.auth.api-keys.reports.sha256",
                        "c3d2199d7156f6e2fbac840e3a1cf7f7b30d7c601ba518a01223cfde2255a8d2"),
                Map.entry("sessions.auth.api-keys.reports.roles", "reader"),
                Map.entry("sessions.auth.api-keys.reports.application", "shop"),
                Map.entry(
                        "sessions.auth.api-keys.shop.sha256",
                        "ed899bdc7fabfceb3e5c7684ba4fb2c6b14aac98f7396fca4e89181a6702b2b1,"
                                + "4450df49ba26130d100d64a78cd5a13850f2c38191938318900c6bbb918d3b48"),
                Map.entry("sessions.auth.api-keys.shop.roles", "writer"),
                Map.entry("sessions.auth.api-keys.shop.application", "shop"),
                Map.entry(
                        "sessions.auth.api-keys.audit.sha256",
                        "9d4c4c76a188ae5d1fd7170d977e9f04bb1f73177165d8190cfbfc18503ec8e6"),
                Map.entry("sessions.auth.api-keys.audit.roles", "events"),
                Map.entry("sessions.auth.api-keys.audit.application", "shop"),
                Map.entry(
                        "sessions.auth.api-keys.ops.sha256",
                        "3a1fad8edd9e0c32b987eb06618e5572f46b453d3c8006562ec418b2893452bb"),
                Map.entry("sessions.auth.api-keys.ops.roles", "admin"),
                Map.entry("sessions.auth.api-keys.ops.application", "shop"),
                Map.entry(
                        "sessions.auth.api-keys.blog.sha256",
                        "a01ed9f0d7c29a670a4f2d10ea1a61fc5fcf1705d91dcd8aa18c1c16c2087fcc"),
                Map.entry("sessions.auth.api-keys.blog.roles", "writer,reader,admin"),
                Map.entry("sessions.auth.api-keys.blog.application", "blog"));
    }
}
