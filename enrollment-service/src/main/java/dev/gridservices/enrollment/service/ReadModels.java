package dev.gridservices.enrollment.service;

import dev.gridservices.enrollment.repository.InstanceView;
import dev.gridservices.enrollment.repository.ProgramOffer;
import dev.gridservices.enrollment.repository.ProgramView;
import dev.gridservices.kit.json.JsonText;
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
     * Whether the program of {@code instance} is open to the OEM organization: a public program is open to every
     * organization; a private one only through its offer set (programs.changed {@code programOffers.changed}),
     * naming the OEM or all OEMs.
     */
    public static boolean offeredTo(String oemOrg, InstanceView instance, ProgramOffer offer, ProgramView program,
                                    JsonText json) {
        if (program != null && !program.deleted && "public".equals(program.visibility)) {
            return true;
        }
        return offer != null && (offer.allOems || json.strings(offer.offeredTo).contains(oemOrg));
    }
}
