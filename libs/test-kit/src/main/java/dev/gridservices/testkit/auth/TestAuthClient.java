package dev.gridservices.testkit.auth;

import io.vertx.core.json.JsonObject;

/** Talks to the {@link TestAuthServer}'s test-only endpoints. */
final class TestAuthClient {

    private static final String SERVER = "test auth server";

    private TestAuthClient() {
    }

    static JsonObject post(String path, JsonObject body) {
        return LoopbackJson.call(SERVER, TestAuthServer.url(), "POST", path, body);
    }

    static JsonObject get(String path) {
        return LoopbackJson.call(SERVER, TestAuthServer.url(), "GET", path, null);
    }
}
