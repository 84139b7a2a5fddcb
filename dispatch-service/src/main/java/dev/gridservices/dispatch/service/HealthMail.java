package dev.gridservices.dispatch.service;

import dev.gridservices.dispatch.repository.SubscriptionRecord;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Tells an integration's contact that its subscription became unhealthy (Direct API §8). The contact is
 * the subscription's {@code contactEmail}, else {@code dispatch.webhook.default-contact}; without either
 * only the log says so. A mail failure never fails the delivery bookkeeping.
 */
@ApplicationScoped
public class HealthMail {

    private static final Logger LOG = Logger.getLogger(HealthMail.class);

    private final ReactiveMailer mailer;
    private final Optional<String> fallback;

    public HealthMail(ReactiveMailer mailer,
                      @ConfigProperty(name = "dispatch.webhook.default-contact") Optional<String> fallback) {
        this.mailer = mailer;
        this.fallback = fallback;
    }

    public Uni<Void> unhealthy(SubscriptionRecord s) {
        String to = s.contactEmail != null ? s.contactEmail : fallback.orElse(null);
        LOG.warnf("Subscription %s (%s) is unhealthy after %d consecutive failed deliveries", s.id, s.clientName,
                s.consecutiveFailures);
        if (to == null) {
            return Uni.createFrom().voidItem();
        }
        String text = "Texture could not deliver webhook notifications to subscription " + s.id + " (clientName "
                + s.clientName + ") " + s.consecutiveFailures + " times in a row. The subscription is marked "
                + "unhealthy; delivery continues at reduced frequency and it becomes healthy again after the "
                + "next successful delivery. Subscriptions are never disabled automatically.\n";
        return mailer.send(Mail.withText(to, "Webhook subscription " + s.id + " is unhealthy", text))
                .onFailure().invoke(e -> LOG.errorf(e, "Could not email %s about subscription %s", to, s.id))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
