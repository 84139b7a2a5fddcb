package dev.gridservices.auth.mapping;

import java.util.List;

/** The subset of the asked client ids that may still use their tokens (status ACTIVE). */
public record ActiveClients(List<String> active) {
}
