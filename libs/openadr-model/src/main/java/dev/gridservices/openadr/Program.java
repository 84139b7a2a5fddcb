package dev.gridservices.openadr;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * OpenADR 3.1 {@code program}: the server's representation, i.e. {@code objectMetadata} (id, creation
 * and modification times, objectType PROGRAM) plus the {@link ProgramRequest} fields.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Program(String id,
                      OffsetDateTime createdDateTime,
                      OffsetDateTime modificationDateTime,
                      ObjectType objectType,
                      String programName,
                      IntervalPeriod intervalPeriod,
                      List<ProgramDescription> programDescriptions,
                      List<JsonNode> payloadDescriptors,
                      List<ValuesMap> attributes,
                      List<String> targets) {

    public Program {
        objectType = ObjectType.PROGRAM;
    }
}
