package dev.gridservices.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gridservices.testkit.Infrastructure;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;

/** Client secrets, API keys and private signing keys are never stored or logged in clear. */
@QuarkusTest
@QuarkusTestResource(AuthTestResource.class)
class SecretsAtRestTest {

    /** DER of the rsaEncryption OID, present in every PKCS#8 RSA private key in clear. */
    private static final byte[] RSA_OID = HexFormat.of().parseHex("06092a864886f70d010101");
    /** DER of the id-ecPublicKey OID, present in every PKCS#8 EC private key in clear. */
    private static final byte[] EC_OID = HexFormat.of().parseHex("06072a8648ce3d0201");

    @Test
    void clientSecretsAndApiKeysAreStoredAsHashesOnly() throws Exception {
        AuthFixtures.Client client = AuthFixtures.client(List.of("read_events"));
        String key = AuthFixtures.serverKey(client.organizationId());
        try (Connection db = connect()) {
            String secretHash = single(db, "select secret_hash from client_secret where id = ?::uuid", client.secretId());
            assertThat(secretHash).isEqualTo(sha256(client.secret())).doesNotContain(client.secret());
            String keyHash = single(db, "select key_hash from api_key where organization_id = ?::uuid", client.organizationId());
            assertThat(keyHash).isEqualTo(sha256(key));
            assertThat(dump(db, "client_secret")).doesNotContain(client.secret());
            assertThat(dump(db, "api_key")).doesNotContain(key);
            assertThat(dump(db, "oauth_client")).doesNotContain(client.secret());
        }
    }

    @Test
    void privateSigningKeysAreEncrypted() throws Exception {
        AuthFixtures.accessToken(AuthFixtures.client(List.of("read_events")));
        try (Connection db = connect();
             PreparedStatement query = db.prepareStatement(
                     "select kid, alg, private_key_encrypted from signing_key where private_key_encrypted is not null");
             ResultSet rows = query.executeQuery()) {
            Map<String, Integer> keysPerAlg = new HashMap<>();
            while (rows.next()) {
                keysPerAlg.merge(rows.getString(2), 1, Integer::sum);
                byte[] stored = rows.getBytes(3);
                assertThat(indexOf(stored, RSA_OID)).as("key %s stored in clear", rows.getString(1)).isEqualTo(-1);
                assertThat(indexOf(stored, EC_OID)).as("key %s stored in clear", rows.getString(1)).isEqualTo(-1);
                // IV + ciphertext + tag of a PKCS#8 key: an RSA-2048 key is > 1000 bytes, a P-256 key 95.
                assertThat(stored.length).isGreaterThan("RS256".equals(rows.getString(2)) ? 1000 : 80);
            }
            // The signing and the waiting key of each algorithm, at least.
            assertThat(keysPerAlg.get("ES256")).isGreaterThanOrEqualTo(2);
            assertThat(keysPerAlg.get("RS256")).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void secretsAndKeysDoNotAppearInTheLogs() {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Handler capture = new Handler() {
            // The message with its parameters filled in, whichever format style the record uses
            private final PatternFormatter message = new PatternFormatter("%s");

            @Override
            public void publish(LogRecord record) {
                lines.add(message.formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try {
            AuthFixtures.Client client = AuthFixtures.client(List.of("read_events"));
            String key = AuthFixtures.serverKey(client.organizationId());
            AuthFixtures.accessToken(client);
            AuthFixtures.token(client.clientId(), client.secret() + "x", null);
            ApiKeyTest.introspect(key);
            io.restassured.RestAssured.given().header(AuthFixtures.HEADER, key + "x").get("/v1/organization");

            // Positive markers logged by the last two actions, so every line they produced has been seen.
            assertThat(lines).as("the capture saw the refused token request")
                    .anySatisfy(line -> assertThat(line).contains(client.clientId()).contains("invalid_client"));
            assertThat(lines).as("the capture saw the refused API key")
                    .anySatisfy(line -> assertThat(line).contains("unknown or revoked API key")
                            .contains(key.substring(0, 7)));
            assertThat(lines).noneSatisfy(line -> assertThat(line).contains(client.secret()));
            assertThat(lines).noneSatisfy(line -> assertThat(line).contains(key));
        } finally {
            root.removeHandler(capture);
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(Infrastructure.postgres().jdbcUrl(), "postgres", "");
    }

    private static String single(Connection db, String sql, String parameter) throws Exception {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1).trim();
            }
        }
    }

    /** Every column of every row as text, to search for a value stored anywhere in the table. */
    private static String dump(Connection db, String table) throws Exception {
        StringBuilder text = new StringBuilder();
        try (PreparedStatement query = db.prepareStatement("select t::text from " + table + " t");
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                text.append(rows.getString(1)).append('\n');
            }
        }
        return text.toString();
    }

    private static String sha256(String value) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
