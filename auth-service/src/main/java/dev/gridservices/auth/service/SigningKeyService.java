package dev.gridservices.auth.service;

import dev.gridservices.auth.config.AuthConfig;
import dev.gridservices.auth.repository.SigningKey;
import dev.gridservices.kit.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import io.vertx.mutiny.core.Vertx;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The token signing keys. They live in the database so that every replica signs with, and publishes,
 * the same keys; each replica keeps a decoded copy for {@code auth.signing-keys.refresh-interval}.
 * Lifecycle: NEXT (published, not signing) → ACTIVE (signing) → RETIRED (published until its last
 * token has expired) → REMOVED (private half deleted, no longer published).
 */
@ApplicationScoped
public class SigningKeyService {

    private static final Logger LOG = Logger.getLogger(SigningKeyService.class);

    /** The keys one replica currently signs with (one per algorithm) and publishes. */
    public record KeySet(Map<SigningAlgorithm, ActiveKey> active, List<PublishedKey> published, Instant loadedAt) {
        public ActiveKey signer(SigningAlgorithm algorithm) {
            return active.get(algorithm);
        }
    }

    public record ActiveKey(String kid, PrivateKey privateKey) {
    }

    public record PublishedKey(String kid, SigningKey.State state, SigningAlgorithm algorithm, PublicKey publicKey) {
    }

    private final AuthConfig config;
    private final KeyEncryption encryption;
    private final Vertx vertx;
    private final Clock clock;
    private volatile KeySet cached;

    public SigningKeyService(AuthConfig config, KeyEncryption encryption, Vertx vertx) {
        this.config = config;
        this.encryption = encryption;
        this.vertx = vertx;
        this.clock = Clock.systemUTC();
    }

    /** Loads the keys before the first request; a database that is down now is retried by {@link #refresh()}. */
    void onStart(@Observes StartupEvent event) {
        try {
            VertxContextSupport.subscribeAndAwait(this::reload);
        } catch (Throwable e) {
            LOG.warnf("Signing keys not loaded at start (%s); retrying on the next refresh", e.getMessage());
        }
    }

    /** Keeps this replica's copy in step with the table (other replicas' rotations, expired retired keys). */
    @Scheduled(every = "${auth.signing-keys.refresh-interval:PT10S}", delayed = "${auth.signing-keys.refresh-interval:PT10S}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return reload()
                .onFailure().invoke(e -> LOG.warnf("Signing keys not refreshed (%s); signing with the last known keys",
                        e.getMessage()))
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /**
     * The current key set. Refreshed in the background, so a token request never waits for the database
     * here, except before the very first successful load.
     */
    public Uni<KeySet> keys() {
        KeySet current = cached;
        return current != null ? Uni.createFrom().item(current) : reload();
    }

    private Uni<KeySet> reload() {
        return Panache.withTransaction(this::removeExpired)
                .chain(() -> Panache.withSession(this::loadPublished))
                .chain(keys -> complete(keys) ? Uni.createFrom().item(keys) : createMissing(keys))
                .map(this::decode)
                .invoke(keySet -> cached = keySet);
    }

    private Uni<Void> removeExpired() {
        Instant now = clock.instant();
        return SigningKey.<SigningKey>list("state = ?1 and publishUntil < ?2", SigningKey.State.RETIRED, now)
                .invoke(expired -> expired.forEach(key -> {
                    key.state = SigningKey.State.REMOVED;
                    key.privateKeyEncrypted = null;
                    LOG.infof("Removed signing key %s: every token it signed has expired", key.kid);
                }))
                .replaceWithVoid();
    }

    private Uni<List<SigningKey>> loadPublished() {
        return SigningKey.list("state in ?1 order by createdAt", List.of(
                SigningKey.State.NEXT, SigningKey.State.ACTIVE, SigningKey.State.RETIRED));
    }

    private static boolean complete(List<SigningKey> keys) {
        return Arrays.stream(SigningAlgorithm.values()).allMatch(alg -> has(keys, alg, SigningKey.State.ACTIVE)
                && has(keys, alg, SigningKey.State.NEXT));
    }

    private static boolean has(List<SigningKey> keys, SigningAlgorithm alg, SigningKey.State state) {
        return keys.stream().anyMatch(k -> k.state == state && alg.name().equals(k.alg));
    }

    /**
     * First start (or a lost NEXT key): creates the missing keys. Replicas starting together may race;
     * the partial unique indexes let only one win, and the losers simply read the winner's keys.
     */
    private Uni<List<SigningKey>> createMissing(List<SigningKey> existing) {
        return generate(() -> {
                    List<SigningKey> missing = new ArrayList<>();
                    for (SigningAlgorithm alg : SigningAlgorithm.values()) {
                        for (SigningKey.State state : List.of(SigningKey.State.ACTIVE, SigningKey.State.NEXT)) {
                            if (!has(existing, alg, state)) {
                                missing.add(newKey(state, alg));
                            }
                        }
                    }
                    return missing;
                })
                .chain(missing -> Panache.withTransaction(() -> SigningKey.persist(missing)))
                .onFailure().invoke(e -> LOG.infof("Another replica created the signing keys first (%s)", e.getMessage()))
                .onFailure().recoverWithNull()
                .chain(() -> Panache.withSession(this::loadPublished))
                .invoke(keys -> {
                    if (!complete(keys)) {
                        throw new IllegalStateException("No active and next signing key after initialisation");
                    }
                });
    }

    /**
     * Runs key generation on a worker thread (RSA-2048 generation takes long enough to stall an event loop)
     * and continues on the caller's Vert.x context, where Hibernate Reactive needs to be.
     */
    private <T> Uni<T> generate(Supplier<T> generation) {
        return vertx.executeBlocking(Uni.createFrom().item(generation));
    }

    private SigningKey newKey(SigningKey.State state, SigningAlgorithm alg) {
        KeyPair pair = alg.generate();
        SigningKey key = new SigningKey();
        key.kid = Secrets.random("k", 12);
        key.state = state;
        key.alg = alg.name();
        key.publicKey = pair.getPublic().getEncoded();
        key.privateKeyEncrypted = encryption.encrypt(key.kid, pair.getPrivate().getEncoded());
        key.createdAt = clock.instant();
        if (state == SigningKey.State.ACTIVE) {
            key.activatedAt = key.createdAt;
        }
        LOG.infof("Created %s signing key %s (%s)", alg, key.kid, state);
        return key;
    }

    /**
     * Promotes the waiting key to signing, retires the signing key, and publishes a new waiting key.
     * The waiting key must have been published for {@code auth.signing-keys.next-key-min-age}, so
     * verifiers have seen it in the JWKS before it signs anything.
     */
    public Uni<List<SigningKey>> rotate() {
        Instant now = clock.instant();
        Instant publishUntil = SigningKeyPolicy.publishUntil(now, config.token().lifetime(),
                config.signingKeys().clockSkew());
        return generate(() -> Arrays.stream(SigningAlgorithm.values())
                        .map(alg -> newKey(SigningKey.State.NEXT, alg)).toList())
                .chain(successors -> Panache.withTransaction(() -> SigningKey.<SigningKey>find("state", SigningKey.State.NEXT)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).list()
                        .chain(next -> {
                            if (next.size() < SigningAlgorithm.values().length) {
                                throw ProblemException.conflict("Another rotation is in progress; retry");
                            }
                            for (SigningKey waiting : next) {
                                if (!SigningKeyPolicy.mayActivate(waiting.createdAt, now, config.signingKeys().nextKeyMinAge())) {
                                    throw ProblemException.conflict("The next signing key " + waiting.kid
                                            + " has been published for less than " + config.signingKeys().nextKeyMinAge()
                                            + "; verifiers may not have seen it yet");
                                }
                            }
                            // Retire first and flush: the index allows one ACTIVE key per algorithm at any moment.
                            return SigningKey.<SigningKey>list("state", SigningKey.State.ACTIVE)
                                    .invoke(active -> active.forEach(key -> {
                                        key.state = SigningKey.State.RETIRED;
                                        key.retiredAt = now;
                                        key.publishUntil = publishUntil;
                                    }))
                                    .chain(() -> Panache.getSession().chain(session -> session.flush()))
                                    .invoke(() -> next.forEach(waiting -> {
                                        waiting.state = SigningKey.State.ACTIVE;
                                        waiting.activatedAt = now;
                                    }))
                                    .chain(() -> Panache.getSession().chain(session -> session.flush()))
                                    .chain(() -> SigningKey.persist(successors))
                                    .invoke(() -> LOG.infof("Rotated signing keys: %s now sign",
                                            next.stream().map(k -> k.kid).toList()));
                        })))
                .chain(() -> reload())
                .chain(() -> list());
    }

    /** Every key that is or was used, newest first, for the admin listing. */
    public Uni<List<SigningKey>> list() {
        return Panache.withSession(() -> SigningKey.<SigningKey>list("order by createdAt desc"));
    }

    private KeySet decode(List<SigningKey> keys) {
        Map<SigningAlgorithm, ActiveKey> active = new EnumMap<>(SigningAlgorithm.class);
        keys.stream().filter(k -> k.state == SigningKey.State.ACTIVE).forEach(k -> {
            SigningAlgorithm alg = SigningAlgorithm.valueOf(k.alg);
            active.put(alg, new ActiveKey(k.kid, alg.privateKey(encryption.decrypt(k.kid, k.privateKeyEncrypted))));
        });
        List<PublishedKey> published = keys.stream()
                .sorted(Comparator.comparing((SigningKey k) -> k.createdAt).reversed())
                .map(k -> {
                    SigningAlgorithm alg = SigningAlgorithm.valueOf(k.alg);
                    return new PublishedKey(k.kid, k.state, alg, alg.publicKey(k.publicKey));
                })
                .toList();
        return new KeySet(Map.copyOf(active), published, clock.instant());
    }
}
