package dev.gridservices.device.service;

import dev.gridservices.openadr.ValuesMap;
import java.util.List;

/** A VEN as a caller defines it (the mutable part). */
public record VenDraft(String venName, List<ValuesMap> attributes, List<String> targets) {
}
