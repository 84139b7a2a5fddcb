package dev.gridservices.enrollment.mapping;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Body of POST /v2/x-texture/enrollments (direct-api-v2 §10): the device (resource), its site, the program
 * (OpenADR program ID; {@code programInstanceId} only when several utilities offer it), and the consent.
 */
public record DirectEnrollmentRequest(String resourceID, String siteID, String programID, String programInstanceId,
                                      Consent consent) {

    public record Consent(Boolean optIn, OffsetDateTime timestamp, String source, String termsVersion,
                          List<String> scope) {
    }
}
