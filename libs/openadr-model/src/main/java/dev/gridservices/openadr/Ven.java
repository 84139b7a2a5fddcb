package dev.gridservices.openadr;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * OpenADR 3.1 {@code ven}: {@code objectMetadata} (objectType VEN) plus the request fields. In the Direct
 * API a VEN is an OEM/TPDO integration account. {@code clientID} is required by the schema (it merges
 * BlVenRequest into ven); device-service fills in the VEN's id, to which auth-service binds the VEN's clients.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ven(String id,
                  OffsetDateTime createdDateTime,
                  OffsetDateTime modificationDateTime,
                  ObjectType objectType,
                  String clientID,
                  String venName,
                  List<ValuesMap> attributes,
                  List<String> targets) {

    public Ven {
        objectType = ObjectType.VEN;
    }
}
