package dev.gridservices.openadr;

import com.fasterxml.jackson.annotation.JsonProperty;

/** One entry of {@code program.programDescriptions}: a link to a human or machine readable description. */
public record ProgramDescription(@JsonProperty("URL") String url) {
}
