package dev.gridservices.openadr;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * OpenADR 3.1 {@code venRequest}: {@code VEN_VEN_REQUEST} (venName, attributes) or {@code BL_VEN_REQUEST}
 * (plus clientID and targets). One record carries both; {@link #OBJECT_TYPES} are the allowed objectTypes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VenRequest(String objectType,
                         String clientID,
                         String venName,
                         List<ValuesMap> attributes,
                         List<String> targets) {

    public static final List<String> OBJECT_TYPES = List.of("VEN_VEN_REQUEST", "BL_VEN_REQUEST");
}
