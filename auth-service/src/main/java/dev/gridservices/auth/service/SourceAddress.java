package dev.gridservices.auth.service;

import dev.gridservices.auth.config.AuthConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The address a token request comes from, for the per-address limit on failed authentications. The TCP
 * peer, unless the peer is the configured gateway ({@code auth.token.rate-limit.trusted-gateway}): then the
 * last {@code X-Forwarded-For} entry, the one the gateway appended. Earlier entries are whatever the client
 * sent and are never believed; from any other peer the header is ignored, so nobody can pick their own
 * address and escape the limit.
 */
@ApplicationScoped
public class SourceAddress {

    private final Set<String> trustedGateway;

    public SourceAddress(AuthConfig config) {
        this.trustedGateway = config.token().rateLimit().trustedGateway().orElse(List.of()).stream()
                .map(String::trim).filter(a -> !a.isEmpty()).map(SourceAddress::normalize)
                .collect(Collectors.toUnmodifiableSet());
    }

    public String of(String peer, String forwardedFor) {
        String normalizedPeer = normalize(peer);
        if (forwardedFor == null || !trustedGateway.contains(normalizedPeer)) {
            return normalizedPeer;
        }
        String[] hops = forwardedFor.split(",");
        String last = hops[hops.length - 1].trim();
        return last.isEmpty() ? normalizedPeer : normalize(last);
    }

    /** One spelling per address (IPv6 has several); anything that is not an IP literal is kept as it is. */
    private static String normalize(String address) {
        if (address == null) {
            return "unknown";
        }
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!literal.matches("[0-9A-Fa-f:.]+")) {
            return literal;
        }
        try {
            // An IP literal is parsed, never resolved.
            return InetAddress.getByName(literal).getHostAddress();
        } catch (UnknownHostException e) {
            return literal;
        }
    }
}
