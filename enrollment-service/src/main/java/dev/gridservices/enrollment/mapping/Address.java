package dev.gridservices.enrollment.mapping;

/** Core API schema Address. */
public record Address(String streetOne, String streetTwo, String city, String state, String postalCode,
                      String country) {
}
