package dev.gridservices.device.service;

import dev.gridservices.openadr.ValuesMap;
import java.util.List;

/** A device as an OpenADR resource request defines it. */
public record ResourceDraft(String resourceName, String venId, List<ValuesMap> attributes, List<String> targets) {
}
