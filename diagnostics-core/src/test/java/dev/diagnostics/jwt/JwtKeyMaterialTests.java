package dev.diagnostics.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtKeyMaterialTests {

    /** Stands for key material that must never appear in a message. */
    private static final String CANARY = "Canary-7f3a9c-MustNeverLeak";

    @Test
    void readsAPemRsaPublicKey() {
        KeyPair pair = TestKeys.rsa(2048);

        JwtKeyMaterial material = JwtKeyMaterial.parse(Pem.of("PUBLIC KEY", pair.getPublic().getEncoded()), null);

        assertThat(material.publicKey()).isEqualTo(pair.getPublic());
        assertThat(material.privateKey()).isNull();
        assertThat(material.isSecret()).isFalse();
        assertThat(material.defaultAlgorithm()).isEqualTo(JwtAlgorithm.RS256);
    }

    @Test
    void readsAPemEcPublicKeyAndPicksTheAlgorithmOfItsCurve() {
        KeyPair pair = TestKeys.ec("secp384r1");

        JwtKeyMaterial material = JwtKeyMaterial.parse(Pem.of("PUBLIC KEY", pair.getPublic().getEncoded()), null);

        assertThat(material.publicKey()).isEqualTo(pair.getPublic());
        assertThat(material.defaultAlgorithm()).isEqualTo(JwtAlgorithm.ES384);
    }

    @Test
    void readsBase64DerWithoutArmour() {
        KeyPair pair = TestKeys.rsa(2048);

        JwtKeyMaterial material = JwtKeyMaterial.parse(
                Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()), null);

        assertThat(material.publicKey()).isEqualTo(pair.getPublic());
    }

    @Test
    void readsAPkcs8RsaPrivateKeyAndDerivesItsPublicKey() {
        KeyPair pair = TestKeys.rsa(2048);

        JwtKeyMaterial material = JwtKeyMaterial.parse(Pem.of("PRIVATE KEY", pair.getPrivate().getEncoded()), null);

        assertThat(material.privateKey()).isEqualTo(pair.getPrivate());
        assertThat(material.publicKey()).isEqualTo(pair.getPublic());
        JwtKey key = material.toJwtKey(JwtAlgorithm.RS256, null);
        assertThat(key.canSign()).isTrue();
    }

    @Test
    void anEcPrivateKeyAloneCannotMakeAKeyWithoutItsPublicKey() {
        KeyPair pair = TestKeys.ec("secp256r1");

        JwtKeyMaterial material = JwtKeyMaterial.parse(Pem.of("PRIVATE KEY", pair.getPrivate().getEncoded()), null);

        assertThat(material.privateKey()).isInstanceOf(ECPrivateKey.class);
        assertThatThrownBy(() -> material.toJwtKey(JwtAlgorithm.ES256, null))
                .hasMessageContaining("public key cannot be derived");
    }

    @Test
    void readsTheFirstCertificateOfAPemChain(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("store.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "jwt", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=jwt-test",
                "-validity", "2", "-keystore", store.toString(), "-storepass", "test-store", "-storetype", "PKCS12")
                .redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(store.toFile())) {
            keyStore.load(in, "test-store".toCharArray());
        }
        Certificate certificate = keyStore.getCertificate("jwt");

        JwtKeyMaterial material = JwtKeyMaterial.parse(Pem.of("CERTIFICATE", certificate.getEncoded()) + "\n"
                + Pem.of("CERTIFICATE", certificate.getEncoded()), null);

        assertThat(material.publicKey()).isEqualTo(certificate.getPublicKey());
    }

    @Test
    void readsRsaAndEcJwksWithTheirPrivateParts() {
        KeyPair rsa = TestKeys.rsa(2048);
        KeyPair ec = TestKeys.ec("secp256r1");

        JwtKeyMaterial fromRsa = JwtKeyMaterial.parse(Jwk.rsa(rsa, true, "rsa-1"), null);
        JwtKeyMaterial fromEc = JwtKeyMaterial.parse(Jwk.ec(ec, true, "ec-1"), null);

        assertThat(fromRsa.publicKey()).isEqualTo(rsa.getPublic());
        assertThat(((RSAPrivateCrtKey) fromRsa.privateKey()).getPrivateExponent())
                .isEqualTo(((RSAPrivateCrtKey) rsa.getPrivate()).getPrivateExponent());
        assertThat(fromRsa.keyId()).isEqualTo("rsa-1");
        assertThat(fromEc.publicKey()).isEqualTo(ec.getPublic());
        assertThat(((ECPrivateKey) fromEc.privateKey()).getS()).isEqualTo(((ECPrivateKey) ec.getPrivate()).getS());
        assertThat(fromEc.defaultAlgorithm()).isEqualTo(JwtAlgorithm.ES256);
    }

    @Test
    void picksTheKeyOfAJwkSetByKidOrTheFirstSigningKey() {
        KeyPair first = TestKeys.rsa(2048);
        KeyPair second = TestKeys.rsa(2048);
        String set = "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"enc\",\"n\":\"AQAB\",\"e\":\"AQAB\"},"
                + Jwk.rsa(first, false, "one") + "," + Jwk.rsa(second, false, "two") + "]}";

        assertThat(JwtKeyMaterial.parse(set, null).publicKey()).isEqualTo(first.getPublic());
        assertThat(JwtKeyMaterial.parse(set, "two").publicKey()).isEqualTo(second.getPublic());
        assertThatThrownBy(() -> JwtKeyMaterial.parse(set, "three")).hasMessageContaining("no signing key with kid");
    }

    @Test
    void readsABase64UrlEncodedJwk() {
        KeyPair pair = TestKeys.rsa(2048);
        String encoded = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(Jwk.rsa(pair, false, null).getBytes(StandardCharsets.UTF_8));

        assertThat(JwtKeyMaterial.parse(encoded, null).publicKey()).isEqualTo(pair.getPublic());
    }

    @Test
    void readsAnOctJwkAsASecretWithItsAlg() {
        byte[] secret = new byte[48];
        new java.security.SecureRandom().nextBytes(secret);
        String jwk = "{\"kty\":\"oct\",\"alg\":\"HS384\",\"k\":\"" + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(secret) + "\"}";

        JwtKeyMaterial material = JwtKeyMaterial.secret(jwk, null);

        assertThat(material.isSecret()).isTrue();
        assertThat(material.secretBytes()).isEqualTo(secret);
        assertThat(material.defaultAlgorithm()).isEqualTo(JwtAlgorithm.HS384);
        assertThat(material.toJwtKey(JwtAlgorithm.HS384, null).secretBits()).isEqualTo(384);
        assertThat(material.toString()).isEqualTo("JwtKeyMaterial[384-bit secret]");
    }

    @Test
    void aSecretThatIsNoJwkIsItsUtf8Text() {
        JwtKeyMaterial material = JwtKeyMaterial.secret(CANARY, null);

        assertThat(material.secretBytes()).isEqualTo(CANARY.getBytes(StandardCharsets.UTF_8));
        assertThat(material.toString()).doesNotContain(CANARY);
    }

    @Test
    void unsupportedPemKindsSayHowToConvertThem() {
        assertThatThrownBy(() -> JwtKeyMaterial.parse(Pem.of("RSA PRIVATE KEY", new byte[] { 1, 2, 3 }), null))
                .hasMessageContaining("openssl pkcs8 -topk8");
        assertThatThrownBy(() -> JwtKeyMaterial.parse(Pem.of("RSA PUBLIC KEY", new byte[] { 1, 2, 3 }), null))
                .hasMessageContaining("-RSAPublicKey_in");
        assertThatThrownBy(() -> JwtKeyMaterial.parse(Pem.of("PUBLIC KEY", new byte[] { 1, 2, 3 }), null))
                .hasMessageContaining("neither RSA nor EC");
    }

    @Test
    void noMessageQuotesTheText() {
        String[] hostile = { CANARY, "{\"kty\":\"oct\",\"k\":" + "\"" + CANARY + "\"", "{\"" + CANARY + "\": }",
            "{\"kty\":\"" + CANARY + "\"}", Pem.of(CANARY, new byte[] { 1 }), "-----BEGIN PUBLIC KEY-----" + CANARY,
            "{\"kty\":\"EC\",\"crv\":\"P-256\",\"x\":\"" + CANARY + "!\",\"y\":\"AQAB\"}",
            "{\"kty\":\"EC\",\"crv\":\"" + CANARY + "\",\"x\":\"AQAB\",\"y\":\"AQAB\"}",
            "{\"kty\":\"RSA\",\"n\":\"AQAB\",\"e\":\"AQAB\",\"d\":\"" + CANARY + "!\"}" };
        for (String text : hostile) {
            assertThatThrownBy(() -> JwtKeyMaterial.parse(text, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(CANARY).doesNotContain("7f3a9c"))
                    .hasNoCause();
        }
    }

    @Test
    void aPublicKeyAndAPrivateKeyOfAnotherTypeAreRefused() {
        KeyPair rsa = TestKeys.rsa(2048);
        KeyPair ec = TestKeys.ec("secp256r1");
        JwtKeyMaterial material = JwtKeyMaterial.parse(Pem.of("PUBLIC KEY", rsa.getPublic().getEncoded()), null);

        assertThatThrownBy(() -> material.toJwtKey(JwtAlgorithm.RS256, ec.getPrivate()))
                .hasMessageContaining("signing key is an EC key");
        assertThatThrownBy(() -> material.toJwtKey(JwtAlgorithm.ES256, null))
                .hasMessageContaining("needs an EC public key");
    }

    /** PEM text for tests. */
    static final class Pem {

        static String of(String label, byte[] der) {
            return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(der) + "\n-----END " + label + "-----\n";
        }

        static Path write(Path dir, String name, String label, byte[] der) throws java.io.IOException {
            return Files.writeString(dir.resolve(name), of(label, der));
        }
    }

    /** JWK text for tests. */
    static final class Jwk {

        static String rsa(KeyPair pair, boolean withPrivate, String kid) {
            RSAPublicKey key = (RSAPublicKey) pair.getPublic();
            StringBuilder json = new StringBuilder("{\"kty\":\"RSA\"");
            if (kid != null) {
                json.append(",\"kid\":\"").append(kid).append('"');
            }
            json.append(",\"n\":\"").append(b64(key.getModulus())).append("\",\"e\":\"")
                    .append(b64(key.getPublicExponent())).append('"');
            if (withPrivate) {
                RSAPrivateCrtKey crt = (RSAPrivateCrtKey) pair.getPrivate();
                json.append(",\"d\":\"").append(b64(crt.getPrivateExponent())).append("\",\"p\":\"")
                        .append(b64(crt.getPrimeP())).append("\",\"q\":\"").append(b64(crt.getPrimeQ()))
                        .append("\",\"dp\":\"").append(b64(crt.getPrimeExponentP())).append("\",\"dq\":\"")
                        .append(b64(crt.getPrimeExponentQ())).append("\",\"qi\":\"")
                        .append(b64(crt.getCrtCoefficient())).append('"');
            }
            return json.append('}').toString();
        }

        static String ec(KeyPair pair, boolean withPrivate, String kid) {
            ECPublicKey key = (ECPublicKey) pair.getPublic();
            StringBuilder json = new StringBuilder("{\"kty\":\"EC\",\"crv\":\"P-256\"");
            if (kid != null) {
                json.append(",\"kid\":\"").append(kid).append('"');
            }
            json.append(",\"x\":\"").append(b64(key.getW().getAffineX())).append("\",\"y\":\"")
                    .append(b64(key.getW().getAffineY())).append('"');
            if (withPrivate) {
                json.append(",\"d\":\"").append(b64(((ECPrivateKey) pair.getPrivate()).getS())).append('"');
            }
            return json.append('}').toString();
        }

        private static String b64(BigInteger value) {
            byte[] bytes = value.toByteArray();
            if (bytes.length > 1 && bytes[0] == 0) {
                bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
            }
            return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
    }
}
