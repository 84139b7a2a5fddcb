package dev.gridservices.openadr;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * OpenADR 3.1 {@code resource} as the Direct API serves it: objectMetadata with objectType
 * {@value #OBJECT_TYPE} (the Direct API's name; the OpenADR objectTypes enumeration says RESOURCE), plus
 * resourceName, venID, attributes, targets. In the Direct API a resource is one device.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Resource(String id,
                       OffsetDateTime createdDateTime,
                       OffsetDateTime modificationDateTime,
                       String objectType,
                       String clientID,
                       String resourceName,
                       String venID,
                       List<ValuesMap> attributes,
                       List<String> targets) {

    public static final String OBJECT_TYPE = "VEN_RESOURCE";

    public Resource {
        objectType = OBJECT_TYPE;
    }
}
