package dev.gridservices.openadr;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * OpenADR 3.1 {@code resourceRequest}: {@code VEN_RESOURCE_REQUEST} (the Direct API's) or
 * {@code BL_RESOURCE_REQUEST} (plus clientID and targets); {@link #OBJECT_TYPES} are the allowed objectTypes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceRequest(String objectType,
                              String clientID,
                              String resourceName,
                              String venID,
                              List<ValuesMap> attributes,
                              List<String> targets) {

    public static final List<String> OBJECT_TYPES = List.of("VEN_RESOURCE_REQUEST", "BL_RESOURCE_REQUEST");
}
