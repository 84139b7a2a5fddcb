package dev.gridservices.device.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.openadr.ObjectIds;
import dev.gridservices.openadr.ValuesMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The rules a resource request must meet (Direct API §5): a resourceName, a venID, attributes with
 * {@code x-static:DEVICE_TYPE} and {@code x-static:SITE_ID}, and the attributes the device type requires.
 * Every failure is a 400 naming the attribute.
 */
public final class ResourceRules {

    static final TypeReference<List<ValuesMap>> ATTRIBUTES = new TypeReference<>() {
    };

    /** What the rules read out of a valid request. */
    public record Checked(DeviceKind kind, String siteId, String manufacturer, String manufacturerDeviceId,
                          String model, String serialNumber, String name) {
    }

    private ResourceRules() {
    }

    /** For POST: everything, including resourceName and venID. */
    public static Checked forCreate(ResourceDraft draft) {
        if (draft.resourceName() == null || draft.resourceName().isBlank()) {
            throw ProblemException.invalid("resourceName", "is required");
        }
        if (draft.resourceName().length() > 128) {
            throw ProblemException.invalid("resourceName", "must be at most 128 characters");
        }
        if (draft.venId() == null || draft.venId().isBlank()) {
            throw ProblemException.invalid("venID", "is required");
        }
        if (!ObjectIds.isValid(draft.venId())) {
            throw ProblemException.invalid("venID", "must be an OpenADR objectID");
        }
        return attributes(draft);
    }

    /** For PUT: the attributes (resourceName and venID, if sent, are compared with the stored ones later). */
    public static Checked attributes(ResourceDraft draft) {
        List<ValuesMap> attributes = draft.attributes();
        if (attributes == null || attributes.isEmpty()) {
            throw ProblemException.invalid("attributes." + Attributes.DEVICE_TYPE, "is required");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < attributes.size(); i++) {
            ValuesMap a = attributes.get(i);
            if (a == null || a.type() == null || a.type().isBlank()) {
                throw ProblemException.invalid("attributes[" + i + "].type", "is required");
            }
            if (a.type().length() > 128) {
                throw ProblemException.invalid("attributes[" + i + "].type", "must be at most 128 characters");
            }
            if (a.values() == null) {
                throw ProblemException.invalid("attributes." + a.type(), "values are required");
            }
            if (!seen.add(a.type())) {
                throw ProblemException.invalid("attributes." + a.type(), "appears more than once");
            }
        }
        DeviceKind kind = DeviceKind.ofRegistration(text(attributes, Attributes.DEVICE_TYPE)
                .orElseThrow(() -> ProblemException.invalid("attributes." + Attributes.DEVICE_TYPE, "is required")));
        String siteId = text(attributes, Attributes.SITE_ID)
                .orElseThrow(() -> ProblemException.invalid("attributes." + Attributes.SITE_ID, "is required"));
        for (String required : kind.requiredNumbers()) {
            JsonNode value = ValuesMap.find(attributes, required)
                    .filter(m -> !m.values().isEmpty()).map(m -> m.values().get(0))
                    .orElseThrow(() -> ProblemException.invalid("attributes." + required,
                            "is required for device type " + kind.name()));
            if (!value.isNumber() || value.asDouble() <= 0) {
                throw ProblemException.invalid("attributes." + required, "must be a positive number");
            }
        }
        return new Checked(kind, siteId, text(attributes, Attributes.MANUFACTURER).orElse(null),
                text(attributes, Attributes.MANUFACTURER_DEVICE_ID).orElse(null),
                text(attributes, Attributes.DEVICE_MODEL).orElse(null),
                text(attributes, Attributes.SERIAL_NUMBER).orElse(null),
                text(attributes, Attributes.DEVICE_NAME).orElse(null));
    }

    private static Optional<String> text(List<ValuesMap> attributes, String type) {
        return ValuesMap.find(attributes, type)
                .filter(m -> !m.values().isEmpty() && m.values().get(0) != null && m.values().get(0).isTextual()
                        && !m.values().get(0).asText().isBlank())
                .map(m -> m.values().get(0).asText());
    }
}
