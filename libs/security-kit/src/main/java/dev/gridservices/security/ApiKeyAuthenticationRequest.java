package dev.gridservices.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key taken from the {@code Texture-Api-Key} header, on its way to {@link ApiKeyIdentityProvider}. */
final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {

    private final String key;

    ApiKeyAuthenticationRequest(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }

    /** Never the key itself: requests may end up in logs. */
    @Override
    public String toString() {
        return "ApiKeyAuthenticationRequest[key=***]";
    }
}
