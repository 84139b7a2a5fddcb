package dev.gridservices.telemetry.rest;

import dev.gridservices.kit.problem.Problem;
import dev.gridservices.kit.problem.ProblemResponses;
import dev.gridservices.kit.problem.ProblemType;
import dev.gridservices.telemetry.service.ReportRejectedException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refused report as an RFC 7807 problem: every violation in {@code errors[]}, the first in {@code detail}. */
public class ReportProblems {

    @ServerExceptionMapper
    public Response rejected(ReportRejectedException e, UriInfo uri) {
        return ProblemResponses.response(ProblemType.VALIDATION_ERROR, e.getMessage(), "/" + uri.getPath().replaceFirst("^/", ""),
                e.violations().stream().map(v -> new Problem.FieldError(v.field(), v.message())).toList(), Map.of());
    }
}
