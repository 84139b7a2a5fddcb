package dev.gridservices.device.rest;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.info.Info;

/** The service's OpenAPI title; the security schemes (bearerAuth, apiKey) come from the security kit. */
@OpenAPIDefinition(info = @Info(title = "Grid services: device-service", version = "1.0.0"))
public class DevicesApi extends Application {
}
