package dev.diagnostics.jwt;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Key material read from text, as MicroProfile JWT and SmallRye JWT accept it: a PEM public key (SPKI), certificate or
 * PKCS#8 private key; the Base64 of such a DER structure without PEM armour; a JSON Web Key (RFC 7517: {@code RSA},
 * {@code EC} on P-256/P-384/P-521, {@code oct}) or a JWK set, possibly Base64URL-encoded. JDK and Jackson only.
 *
 * <p>No exception message names the text or any part of it: only what kind of material was expected and how long the
 * text was. {@link #toString()} names the kind of key only. Immutable.
 */
public final class JwtKeyMaterial {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PublicKey publicKey;

    private final PrivateKey privateKey;

    private final byte[] secret;

    private final String algorithm;

    private final String keyId;

    private JwtKeyMaterial(PublicKey publicKey, PrivateKey privateKey, byte[] secret, String algorithm, String keyId) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.secret = secret;
        this.algorithm = algorithm;
        this.keyId = keyId;
    }

    /**
     * Reads a key.
     *
     * @param text PEM, Base64 DER, JWK or JWK set (plain or Base64URL)
     * @param keyId the {@code kid} to pick from a JWK set; {@code null} for the first signing key
     * @throws IllegalArgumentException saying what is wrong, never quoting the text
     */
    public static JwtKeyMaterial parse(String text, String keyId) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("the key is empty");
        }
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            return jwk(trimmed, keyId);
        }
        if (trimmed.contains("-----BEGIN ")) {
            return pem(trimmed);
        }
        String compact = trimmed.replaceAll("\\s", "");
        byte[] der = decodeOrNull(Base64.getDecoder(), compact);
        if (der != null) {
            JwtKeyMaterial fromDer = derOrNull(der);
            if (fromDer != null) {
                return fromDer;
            }
        }
        byte[] json = decodeOrNull(Base64.getUrlDecoder(), compact);
        if (json != null && json.length > 0 && json[0] == '{') {
            return jwk(new String(json, StandardCharsets.UTF_8), keyId);
        }
        throw new IllegalArgumentException("not a PEM key, a Base64 DER key or a JWK (" + text.length()
                + " characters)");
    }

    /**
     * An HMAC secret from a JWK ({@code kty: oct}) or a JWK set holding one; any other text is the secret itself, as
     * its UTF-8 bytes (how SmallRye JWT reads {@code smallrye.jwt.verify.secretkey}).
     *
     * @return material whose {@link #isSecret()} is true
     */
    public static JwtKeyMaterial secret(String text, String keyId) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("the secret is empty");
        }
        if (text.strip().startsWith("{")) {
            JwtKeyMaterial material = jwk(text.strip(), keyId);
            if (!material.isSecret()) {
                throw new IllegalArgumentException("the JWK is not a secret (kty 'oct') but an "
                        + material.publicKeyType() + " key");
            }
            return material;
        }
        return new JwtKeyMaterial(null, null, text.getBytes(StandardCharsets.UTF_8), null, null);
    }

    /** The public key; for a private key whose public half is known (RSA, JWK), derived from it. */
    public PublicKey publicKey() {
        return this.publicKey;
    }

    /** The private key, when the material holds one. */
    public PrivateKey privateKey() {
        return this.privateKey;
    }

    /** Whether this is an HMAC secret. */
    public boolean isSecret() {
        return this.secret != null;
    }

    /** The JWK's {@code alg}, when it has one. */
    public String algorithm() {
        return this.algorithm;
    }

    /** The JWK's {@code kid}, when it has one. */
    public String keyId() {
        return this.keyId;
    }

    /** A copy of the secret; package-private, like {@link JwtKey#secret()}. */
    byte[] secretBytes() {
        return (this.secret != null) ? this.secret.clone() : null;
    }

    /**
     * The algorithm a key of this kind uses when none is configured: the JWK's {@code alg}, else {@code HS256} for a
     * secret, {@code RS256} for RSA, and for EC the algorithm of the key's curve.
     */
    public JwtAlgorithm defaultAlgorithm() {
        if (this.algorithm != null) {
            try {
                return JwtAlgorithm.of(this.algorithm);
            }
            catch (IllegalArgumentException ex) {
                // an alg we do not know (PS256, EdDSA): fall back on the key type
            }
        }
        if (this.secret != null) {
            return JwtAlgorithm.HS256;
        }
        if (this.publicKey instanceof ECPublicKey ec) {
            int bits = ec.getParams().getOrder().bitLength();
            return (bits > 384) ? JwtAlgorithm.ES512 : (bits > 256) ? JwtAlgorithm.ES384 : JwtAlgorithm.ES256;
        }
        return JwtAlgorithm.RS256;
    }

    /**
     * The key for the {@code jwt} check.
     *
     * @param signing the private key to sign with, when it comes from elsewhere (a separate signing key setting);
     * {@code null} for this material's own
     * @throws IllegalArgumentException when the key does not suit the algorithm
     */
    public JwtKey toJwtKey(JwtAlgorithm algorithm, PrivateKey signing) {
        if (this.secret != null) {
            byte[] bytes = secretBytes();
            try {
                return JwtKey.hmac(algorithm, bytes);
            }
            finally {
                Arrays.fill(bytes, (byte) 0);
            }
        }
        if (this.publicKey == null) {
            throw new IllegalArgumentException("the " + this.privateKey.getAlgorithm() + " private key's public key"
                    + " cannot be derived; configure the public key too");
        }
        PrivateKey privateKey = (signing != null) ? signing : this.privateKey;
        if (privateKey != null && !privateKey.getAlgorithm().equals(this.publicKey.getAlgorithm())) {
            throw new IllegalArgumentException("the signing key is an " + privateKey.getAlgorithm()
                    + " key but the verification key an " + this.publicKey.getAlgorithm() + " key");
        }
        return JwtKey.asymmetric(algorithm, this.publicKey, privateKey);
    }

    private String publicKeyType() {
        return (this.publicKey != null) ? this.publicKey.getAlgorithm()
                : (this.privateKey != null) ? this.privateKey.getAlgorithm() : "unknown";
    }

    private static JwtKeyMaterial pem(String text) {
        int begin = text.indexOf("-----BEGIN ");
        int labelEnd = text.indexOf("-----", begin + 11);
        if (labelEnd < 0) {
            throw new IllegalArgumentException("a PEM block without its header's closing dashes");
        }
        String label = text.substring(begin + 11, labelEnd).strip();
        String footer = "-----END " + label + "-----";
        int end = text.indexOf(footer, labelEnd);
        if (end < 0) {
            throw new IllegalArgumentException("a PEM " + known(label) + " block without its END line");
        }
        byte[] der = decodeOrNull(Base64.getMimeDecoder(), text.substring(labelEnd + 5, end));
        if (der == null || der.length == 0) {
            throw new IllegalArgumentException("a PEM " + known(label) + " block whose body is not Base64");
        }
        return switch (label) {
            case "PUBLIC KEY" -> require(publicOrNull(der), "a PEM PUBLIC KEY that is neither RSA nor EC");
            case "CERTIFICATE" -> certificate(der);
            case "PRIVATE KEY" -> require(privateOrNull(der), "a PEM PRIVATE KEY that is neither RSA nor EC");
            case "RSA PUBLIC KEY" -> throw new IllegalArgumentException("a PKCS#1 'RSA PUBLIC KEY'; convert it to"
                    + " 'PUBLIC KEY' (openssl rsa -RSAPublicKey_in -pubout)");
            case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> throw new IllegalArgumentException("a '" + label
                    + "'; convert it to PKCS#8 'PRIVATE KEY' (openssl pkcs8 -topk8 -nocrypt)");
            case "ENCRYPTED PRIVATE KEY" -> throw new IllegalArgumentException("an encrypted private key");
            default -> throw new IllegalArgumentException("a PEM block that is not a key (PUBLIC KEY, CERTIFICATE or"
                    + " PRIVATE KEY expected)");
        };
    }

    private static JwtKeyMaterial certificate(byte[] der) {
        try {
            PublicKey key = CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)).getPublicKey();
            return new JwtKeyMaterial(key, null, null, null, null);
        }
        catch (GeneralSecurityException | RuntimeException ex) {
            throw new IllegalArgumentException("a PEM CERTIFICATE that cannot be read as X.509");
        }
    }

    private static JwtKeyMaterial derOrNull(byte[] der) {
        JwtKeyMaterial material = publicOrNull(der);
        return (material != null) ? material : privateOrNull(der);
    }

    private static JwtKeyMaterial publicOrNull(byte[] der) {
        for (String type : List.of("RSA", "EC")) {
            try {
                PublicKey key = KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
                return new JwtKeyMaterial(key, null, null, null, null);
            }
            catch (GeneralSecurityException | RuntimeException ex) {
                // not this type
            }
        }
        return null;
    }

    private static JwtKeyMaterial privateOrNull(byte[] der) {
        for (String type : List.of("RSA", "EC")) {
            try {
                PrivateKey key = KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
                return new JwtKeyMaterial(derivedPublic(key), key, null, null, null);
            }
            catch (GeneralSecurityException | RuntimeException ex) {
                // not this type
            }
        }
        return null;
    }

    /** An RSA private key in CRT form carries its public exponent; an EC one does not (JDK API). */
    private static PublicKey derivedPublic(PrivateKey key) throws GeneralSecurityException {
        if (key instanceof RSAPrivateCrtKey crt) {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(),
                    crt.getPublicExponent()));
        }
        return null;
    }

    private static JwtKeyMaterial jwk(String json, String keyId) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        }
        catch (Exception ex) {
            // Jackson's messages quote the input: never pass them on.
            throw new IllegalArgumentException("not valid JSON (" + json.length() + " characters)");
        }
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("a JWK must be a JSON object");
        }
        if (node.has("keys")) {
            return jwk(select(node.get("keys"), keyId));
        }
        return jwk(node);
    }

    private static JsonNode select(JsonNode keys, String keyId) {
        if (!keys.isArray()) {
            throw new IllegalArgumentException("the JWK set's 'keys' is not an array");
        }
        List<JsonNode> signing = new ArrayList<>();
        for (JsonNode key : keys) {
            String use = text(key, "use");
            if (use == null || "sig".equals(use)) {
                signing.add(key);
            }
        }
        if (keyId != null) {
            for (JsonNode key : signing) {
                if (keyId.equals(text(key, "kid"))) {
                    return key;
                }
            }
            throw new IllegalArgumentException("the JWK set has no signing key with kid '" + sanitise(keyId) + "' ("
                    + keys.size() + " keys)");
        }
        if (signing.isEmpty()) {
            throw new IllegalArgumentException("the JWK set has no signing key (" + keys.size() + " keys)");
        }
        return signing.get(0);
    }

    private static JwtKeyMaterial jwk(JsonNode key) {
        String kty = text(key, "kty");
        String alg = text(key, "alg");
        String kid = text(key, "kid");
        if (kty == null) {
            throw new IllegalArgumentException("the JWK has no 'kty'");
        }
        try {
            switch (kty) {
                case "oct" -> {
                    byte[] secret = member(key, "k");
                    if (secret.length == 0) {
                        throw new IllegalArgumentException("the JWK's 'k' is empty");
                    }
                    return new JwtKeyMaterial(null, null, secret, alg, kid);
                }
                case "RSA" -> {
                    BigInteger n = integer(key, "n");
                    BigInteger e = integer(key, "e");
                    KeyFactory factory = KeyFactory.getInstance("RSA");
                    PublicKey publicKey = factory.generatePublic(new RSAPublicKeySpec(n, e));
                    PrivateKey privateKey = null;
                    if (key.has("d")) {
                        BigInteger d = integer(key, "d");
                        privateKey = (key.has("p") && key.has("q") && key.has("dp") && key.has("dq") && key.has("qi"))
                                ? factory.generatePrivate(new RSAPrivateCrtKeySpec(n, e, d, integer(key, "p"),
                                        integer(key, "q"), integer(key, "dp"), integer(key, "dq"), integer(key, "qi")))
                                : factory.generatePrivate(new RSAPrivateKeySpec(n, d));
                    }
                    return new JwtKeyMaterial(publicKey, privateKey, null, alg, kid);
                }
                case "EC" -> {
                    ECParameterSpec params = curve(text(key, "crv"));
                    KeyFactory factory = KeyFactory.getInstance("EC");
                    PublicKey publicKey = factory.generatePublic(new ECPublicKeySpec(new ECPoint(integer(key, "x"),
                            integer(key, "y")), params));
                    PrivateKey privateKey = key.has("d")
                            ? factory.generatePrivate(new ECPrivateKeySpec(integer(key, "d"), params)) : null;
                    return new JwtKeyMaterial(publicKey, privateKey, null, alg, kid);
                }
                default -> throw new IllegalArgumentException("the JWK's kty is not supported (RSA, EC, oct"
                        + " are)");
            }
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalArgumentException("the JWK does not make a valid " + kty + " key");
        }
    }

    private static ECParameterSpec curve(String crv) throws GeneralSecurityException {
        String name = switch ((crv != null) ? crv : "") {
            case "P-256" -> "secp256r1";
            case "P-384" -> "secp384r1";
            case "P-521" -> "secp521r1";
            default -> throw new IllegalArgumentException("the EC JWK's crv is not P-256, P-384 or P-521");
        };
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec(name));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    private static String text(JsonNode node, String member) {
        JsonNode value = node.get(member);
        return (value != null && value.isTextual()) ? value.asText() : null;
    }

    private static byte[] member(JsonNode node, String member) {
        String value = text(node, member);
        if (value == null) {
            throw new IllegalArgumentException("the JWK has no '" + member + "'");
        }
        byte[] bytes = decodeOrNull(Base64.getUrlDecoder(), value);
        if (bytes == null) {
            throw new IllegalArgumentException("the JWK's '" + member + "' is not Base64URL");
        }
        return bytes;
    }

    private static BigInteger integer(JsonNode node, String member) {
        return new BigInteger(1, member(node, member));
    }

    private static byte[] decodeOrNull(Base64.Decoder decoder, String text) {
        try {
            return decoder.decode(text);
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

    private static JwtKeyMaterial require(JwtKeyMaterial material, String problem) {
        if (material == null) {
            throw new IllegalArgumentException(problem);
        }
        return material;
    }

    /** A PEM label as shown: only the ones this class knows, never text from the input. */
    private static String known(String label) {
        return switch (label) {
            case "PUBLIC KEY", "CERTIFICATE", "PRIVATE KEY" -> "'" + label + "'";
            default -> "";
        };
    }

    /** A configured kid, shown only when short and plain. */
    private static String sanitise(String value) {
        String cut = (value.length() > 40) ? value.substring(0, 40) + "..." : value;
        return cut.replaceAll("[^A-Za-z0-9 ._:-]", "?");
    }

    /** The kind of key; never the key. */
    @Override
    public String toString() {
        if (this.secret != null) {
            return "JwtKeyMaterial[" + this.secret.length * 8 + "-bit secret]";
        }
        return "JwtKeyMaterial[" + publicKeyType().toUpperCase(Locale.ROOT)
                + ((this.publicKey != null) ? " public key" : "") + ((this.privateKey != null) ? " with private key"
                        : "") + "]";
    }
}
