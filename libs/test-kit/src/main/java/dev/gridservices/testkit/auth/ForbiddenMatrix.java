package dev.gridservices.testkit.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A table of calls × credentials that must each answer 403 problem+json — e.g. every write of a service by every
 * credential the wrong organization kind can hold. All combinations are sent before anything is asserted, so one
 * failure lists every call that was let through (credential, call, status, body), not only the first.
 * <pre>{@code
 * ForbiddenMatrix.of()
 *         .caller("OEM SERVER key", () -> given().header("Texture-Api-Key", oemKey).contentType(JSON))
 *         .caller("OEM token", () -> given().auth().oauth2(oemToken).contentType(JSON))
 *         .call("POST", "/v1/programs", body)
 *         .call("DELETE", "/v2/programs/" + id, null)
 *         .assertAllForbidden();
 * }</pre>
 * Whether nothing was written is the test's to check afterwards, by reading as the rightful owner.
 */
public final class ForbiddenMatrix {

    /** One request: {@code body} is sent as the caller's content type, none when null. */
    public record Call(String method, String path, Object body) {
        Response send(RequestSpecification caller) {
            return (body == null ? caller : caller.body(body)).request(method, path);
        }
    }

    private final Map<String, Supplier<RequestSpecification>> callers = new LinkedHashMap<>();
    private final List<Call> calls = new ArrayList<>();

    private ForbiddenMatrix() {
    }

    public static ForbiddenMatrix of() {
        return new ForbiddenMatrix();
    }

    /** A credential, named for the failure message; a fresh request specification per call (they are mutable). */
    public ForbiddenMatrix caller(String name, Supplier<RequestSpecification> request) {
        callers.put(name, request);
        return this;
    }

    public ForbiddenMatrix call(String method, String path, Object body) {
        calls.add(new Call(method, path, body));
        return this;
    }

    /** Sends every call with every caller; fails listing each answer that was not a 403 problem. */
    public void assertAllForbidden() {
        assertThat(callers).as("callers").isNotEmpty();
        assertThat(calls).as("calls").isNotEmpty();
        List<String> letThrough = new ArrayList<>();
        callers.forEach((name, caller) -> calls.forEach(call -> {
            Response response = call.send(caller.get());
            String contentType = response.contentType();
            if (response.statusCode() != 403 || contentType == null
                    || !contentType.startsWith("application/problem+json")
                    || !Integer.valueOf(403).equals(response.path("status"))) {
                letThrough.add(name + ": " + call.method() + " " + call.path() + " → " + response.statusCode() + " "
                        + response.asString());
            }
        }));
        assertThat(letThrough).as("calls not refused with a 403 problem (%d callers × %d calls)", callers.size(),
                calls.size()).isEmpty();
    }
}
