package dev.gridservices.enrollment.mapping;

import com.fasterxml.jackson.databind.JsonNode;

/** Body of POST /v1/leads. */
public record LeadInput(String email, String firstName, String lastName, String phone, String address1,
                        String address2, String city, String state, String postalCode, String country,
                        JsonNode metadata) {
}
