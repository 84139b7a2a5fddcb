package dev.gridservices.device.mapping;

import dev.gridservices.device.repository.Device;
import dev.gridservices.device.service.ResourceDraft;
import dev.gridservices.device.service.VenDraft;
import dev.gridservices.kit.json.JsonText;
import dev.gridservices.kit.problem.ProblemException;
import dev.gridservices.openadr.Resource;
import dev.gridservices.openadr.ResourceRequest;
import dev.gridservices.openadr.ValuesMap;
import dev.gridservices.openadr.Ven;
import dev.gridservices.openadr.VenRequest;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** OpenADR 3.1 VEN and resource objects ⇄ the registry's rows. */
@ApplicationScoped
public class OpenAdrMapper {

    private static final TypeReference<List<ValuesMap>> ATTRIBUTES = new TypeReference<>() {
    };

    private final JsonText json;

    public OpenAdrMapper(JsonText json) {
        this.json = json;
    }

    /**
     * clientID (required by the schema's ven = objectMetadata + BlVenRequest) is the VEN's own id: the VEN's
     * OAuth clients are bound to it by auth-service, and a VEN may have several or none yet.
     */
    public Ven toOpenAdr(dev.gridservices.device.repository.Ven v) {
        return new Ven(v.id, v.createdAt, v.updatedAt, null, v.id, v.venName,
                json.readList(v.attributes, ATTRIBUTES), List.of(v.targets));
    }

    /** clientID (required by the schema) is the resource's VEN, the integration account that owns it. */
    public Resource toOpenAdr(Device d) {
        return new Resource(d.id, d.createdAt, d.updatedAt, null, d.venId, d.resourceName, d.venId,
                json.readList(d.attributes, ATTRIBUTES), List.of(d.targets));
    }

    public VenDraft toDraft(VenRequest body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a venRequest is required");
        }
        if (body.objectType() != null && !VenRequest.OBJECT_TYPES.contains(body.objectType())) {
            throw ProblemException.invalid("objectType", "must be one of " + String.join(", ", VenRequest.OBJECT_TYPES));
        }
        if (body.venName() == null || body.venName().isBlank()) {
            throw ProblemException.invalid("venName", "is required");
        }
        if (body.venName().length() > 128) {
            throw ProblemException.invalid("venName", "must be at most 128 characters");
        }
        checkTargets(body.targets());
        checkAttributes(body.attributes());
        return new VenDraft(body.venName().trim(), body.attributes(), body.targets());
    }

    public ResourceDraft toDraft(ResourceRequest body) {
        if (body == null) {
            throw ProblemException.invalid("body", "a resourceRequest is required");
        }
        if (body.objectType() != null && !ResourceRequest.OBJECT_TYPES.contains(body.objectType())) {
            throw ProblemException.invalid("objectType",
                    "must be one of " + String.join(", ", ResourceRequest.OBJECT_TYPES));
        }
        checkTargets(body.targets());
        return new ResourceDraft(body.resourceName() == null ? null : body.resourceName().trim(), body.venID(),
                body.attributes(), body.targets());
    }

    private static void checkTargets(List<String> targets) {
        if (targets == null) {
            return;
        }
        for (int i = 0; i < targets.size(); i++) {
            String t = targets.get(i);
            if (t == null || t.isEmpty() || t.length() > 128) {
                throw ProblemException.invalid("targets[" + i + "]", "must be 1..128 characters");
            }
        }
    }

    private static void checkAttributes(List<ValuesMap> attributes) {
        if (attributes == null) {
            return;
        }
        for (int i = 0; i < attributes.size(); i++) {
            ValuesMap a = attributes.get(i);
            if (a == null || a.type() == null || a.type().isBlank() || a.type().length() > 128) {
                throw ProblemException.invalid("attributes[" + i + "].type", "must be 1..128 characters");
            }
            if (a.values() == null) {
                throw ProblemException.invalid("attributes[" + i + "].values", "is required");
            }
        }
    }
}
