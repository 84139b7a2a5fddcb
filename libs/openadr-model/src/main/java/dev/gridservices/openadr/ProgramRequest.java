package dev.gridservices.openadr;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * OpenADR 3.1 {@code programRequest}: what a business-logic client (a utility) sends to create or
 * replace a program. {@code payloadDescriptors} stay JSON: they are event or report payload descriptors
 * told apart by {@code objectType}, and a program only stores and returns them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProgramRequest(String programName,
                             IntervalPeriod intervalPeriod,
                             List<ProgramDescription> programDescriptions,
                             List<JsonNode> payloadDescriptors,
                             List<ValuesMap> attributes,
                             List<String> targets) {
}
