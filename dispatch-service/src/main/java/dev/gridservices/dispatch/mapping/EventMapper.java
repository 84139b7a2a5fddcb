package dev.gridservices.dispatch.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gridservices.dispatch.repository.EventRecord;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Stored events as OpenADR 3.1 event objects: the accepted request plus the VTN's metadata. */
@ApplicationScoped
public class EventMapper {

    private final Json json;

    public EventMapper(Json json) {
        this.json = json;
    }

    /** The whole event, as its utility sees it. */
    public ObjectNode toOpenAdr(EventRecord e) {
        ObjectNode out = json.mapper().createObjectNode();
        out.put("id", e.id);
        out.put("createdDateTime", Json.timestamp(e.createdAt));
        out.put("modificationDateTime", Json.timestamp(e.modifiedAt));
        out.put("objectType", "EVENT");
        out.setAll((ObjectNode) json.read(e.body));
        return out;
    }

    /**
     * The event as one VEN sees it: of the targets only those naming that VEN or its devices, so one
     * VEN never learns which other VENs or devices an event addressed.
     */
    public ObjectNode toVenView(EventRecord e, Collection<String> visibleTargets) {
        return keepTargets(toOpenAdr(e), visibleTargets);
    }

    /** {@link #toVenView(EventRecord, Collection)} from the whole event ({@code full} is left as it is). */
    public ObjectNode toVenView(ObjectNode full, Collection<String> visibleTargets) {
        return keepTargets(full.deepCopy(), visibleTargets);
    }

    private static ObjectNode keepTargets(ObjectNode out, Collection<String> visibleTargets) {
        JsonNode targets = out.get("targets");
        if (targets != null && targets.isArray()) {
            ArrayNode kept = out.putArray("targets");
            targets.forEach(t -> {
                if (visibleTargets.contains(t.asText())) {
                    kept.add(t);
                }
            });
        }
        return out;
    }

    public static List<String> targets(JsonNode body) {
        List<String> out = new ArrayList<>();
        JsonNode targets = body.get("targets");
        if (targets != null && targets.isArray()) {
            targets.forEach(t -> out.add(t.asText()));
        }
        return out;
    }
}
