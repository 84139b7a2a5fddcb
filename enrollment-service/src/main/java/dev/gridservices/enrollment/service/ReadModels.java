package dev.gridservices.enrollment.service;

import dev.gridservices.enrollment.mapping.JsonText;
import dev.gridservices.enrollment.repository.InstanceView;
import dev.gridservices.enrollment.repository.ProgramOffer;
import dev.gridservices.enrollment.repository.ProgramView;
import java.time.OffsetDateTime;

/** Decisions made on the read models alone (programs-service is never called on the request path). */
public final class ReadModels {

    private ReadModels() {
    }

    /**
     * Open for enrollment: not deleted, active, announced as accepting (program active, not ended), and its
     * end date not passed since (time-based closing is not an event on programs.changed).
     */
    public static boolean acceptsEnrollments(InstanceView i, OffsetDateTime now) {
        return !i.deleted && "active".equals(i.status) && i.acceptingEnrollments
                && (i.endDate == null || i.endDate.isAfter(now));
    }

    /**
     * Whether the utility owning {@code instance} offers its program to the OEM organization: an offer by that
     * utility naming the OEM or all OEMs; without any offer by that utility, a public program counts as offered
     * to every OEM.
     */
    public static boolean offeredTo(String oemOrg, InstanceView instance, ProgramOffer offer, ProgramView program,
                                    JsonText json) {
        if (offer != null) {
            return offer.allOems || json.strings(offer.offeredTo).contains(oemOrg);
        }
        return program != null && !program.deleted && "public".equals(program.visibility);
    }
}
