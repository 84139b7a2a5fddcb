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
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
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

    /** The keys one replica currently signs with and publishes. */
    public record KeySet(String activeKid, PrivateKey activeKey, List<PublishedKey> published, Instant loadedAt) {
    }

    public record PublishedKey(String kid, SigningKey.State state, RSAPublicKey publicKey) {
    }

    private final AuthConfig config;
    private final KeyEncryption encryption;
    private final Clock clock;
    private volatile KeySet cached;

    public SigningKeyService(AuthConfig config, KeyEncryption encryption) {
        this.config = config;
        this.encryption = encryption;
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
        return keys.stream().anyMatch(k -> k.state == SigningKey.State.ACTIVE)
                && keys.stream().anyMatch(k -> k.state == SigningKey.State.NEXT);
    }

    /**
     * First start (or a lost NEXT key): creates the missing keys. Replicas starting together may race;
     * the partial unique indexes let only one win, and the losers simply read the winner's keys.
     */
    private Uni<List<SigningKey>> createMissing(List<SigningKey> existing) {
        boolean hasActive = existing.stream().anyMatch(k -> k.state == SigningKey.State.ACTIVE);
        return Panache.withTransaction(() -> {
                    Uni<Void> active = hasActive ? Uni.createFrom().voidItem()
                            : newKey(SigningKey.State.ACTIVE).persist().replaceWithVoid();
                    return active.chain(() -> newKey(SigningKey.State.NEXT).persist());
                })
                .onFailure().invoke(e -> LOG.infof("Another replica created the signing keys first (%s)", e.getMessage()))
                .onFailure().recoverWithNull()
                .chain(() -> Panache.withSession(this::loadPublished))
                .invoke(keys -> {
                    if (!complete(keys)) {
                        throw new IllegalStateException("No active and next signing key after initialisation");
                    }
                });
    }

    private SigningKey newKey(SigningKey.State state) {
        KeyPair pair = generate();
        SigningKey key = new SigningKey();
        key.kid = Secrets.random("k", 12);
        key.state = state;
        key.publicKey = pair.getPublic().getEncoded();
        key.privateKeyEncrypted = encryption.encrypt(key.kid, pair.getPrivate().getEncoded());
        key.createdAt = clock.instant();
        if (state == SigningKey.State.ACTIVE) {
            key.activatedAt = key.createdAt;
        }
        LOG.infof("Created signing key %s (%s)", key.kid, state);
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
        return Panache.withTransaction(() -> SigningKey.<SigningKey>find("state", SigningKey.State.NEXT)
                        .withLock(LockModeType.PESSIMISTIC_WRITE).firstResult()
                        .chain(next -> {
                            if (next == null) {
                                throw ProblemException.conflict("Another rotation is in progress; retry");
                            }
                            if (!SigningKeyPolicy.mayActivate(next.createdAt, now, config.signingKeys().nextKeyMinAge())) {
                                throw ProblemException.conflict("The next signing key " + next.kid
                                        + " has been published for less than " + config.signingKeys().nextKeyMinAge()
                                        + "; verifiers may not have seen it yet");
                            }
                            // Retire first and flush: the index allows one ACTIVE key at any moment.
                            return SigningKey.<SigningKey>list("state", SigningKey.State.ACTIVE)
                                    .invoke(active -> active.forEach(key -> {
                                        key.state = SigningKey.State.RETIRED;
                                        key.retiredAt = now;
                                        key.publishUntil = publishUntil;
                                    }))
                                    .chain(() -> Panache.getSession().chain(session -> session.flush()))
                                    .invoke(() -> {
                                        next.state = SigningKey.State.ACTIVE;
                                        next.activatedAt = now;
                                    })
                                    .chain(() -> Panache.getSession().chain(session -> session.flush()))
                                    .chain(() -> newKey(SigningKey.State.NEXT).persist())
                                    .invoke(() -> LOG.infof("Rotated signing keys: %s now signs", next.kid));
                        }))
                .chain(() -> reload())
                .chain(() -> list());
    }

    /** Every key that is or was used, newest first, for the admin listing. */
    public Uni<List<SigningKey>> list() {
        return Panache.withSession(() -> SigningKey.<SigningKey>list("order by createdAt desc"));
    }

    private KeySet decode(List<SigningKey> keys) {
        SigningKey active = keys.stream().filter(k -> k.state == SigningKey.State.ACTIVE).findFirst().orElseThrow();
        List<PublishedKey> published = keys.stream()
                .sorted(Comparator.comparing((SigningKey k) -> k.createdAt).reversed())
                .map(k -> new PublishedKey(k.kid, k.state, publicKey(k.publicKey)))
                .toList();
        PrivateKey privateKey = privateKey(encryption.decrypt(active.kid, active.privateKeyEncrypted));
        return new KeySet(active.kid, privateKey, published, clock.instant());
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JRE has RSA", e);
        }
    }

    private static RSAPublicKey publicKey(byte[] der) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored public key is not an RSA key", e);
        }
    }

    private static PrivateKey privateKey(byte[] pkcs8) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored private key is not an RSA key", e);
        }
    }
}
