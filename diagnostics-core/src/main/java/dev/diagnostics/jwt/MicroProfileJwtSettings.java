package dev.diagnostics.jwt;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import dev.diagnostics.InvalidConfigurationException;

/**
 * The JWT key and verifier settings of an application configured the MicroProfile JWT / SmallRye JWT way, read through
 * a property lookup (MicroProfile Config in Quarkus), so the {@code jwt} check assesses the key the application really
 * verifies with. Read, never copied into our configuration, and never shown.
 *
 * <table>
 * <caption>What is read, in SmallRye JWT's order of precedence</caption>
 * <tr><th>property</th><th>use</th></tr>
 * <tr><td>{@code mp.jwt.verify.publickey}</td><td>the verification key itself: PEM, Base64 DER, JWK or JWK set</td></tr>
 * <tr><td>{@code smallrye.jwt.verify.secretkey}</td><td>an HMAC secret: a JWK ({@code kty: oct}) or the secret's
 * text</td></tr>
 * <tr><td>{@code smallrye.jwt.verify.key.location}, else {@code mp.jwt.verify.publickey.location}</td><td>where the
 * verification key is: {@code classpath:}, {@code file:} or a plain path (the class path first, then the file
 * system); an {@code http(s):} JWK set is remote and is not read</td></tr>
 * <tr><td>{@code smallrye.jwt.sign.key}, else {@code smallrye.jwt.sign.key.location}</td><td>the signing key
 * (PKCS#8 PEM or JWK): with a public verification key it makes the pair the self-test signs with; alone, its public
 * half (RSA, JWK) is the key</td></tr>
 * <tr><td>{@code mp.jwt.verify.publickey.algorithm}, else {@code smallrye.jwt.verify.algorithm}</td><td>the algorithm;
 * default: the JWK's {@code alg}, else by key type (HS256, RS256, ES256/384/512 by curve)</td></tr>
 * <tr><td>{@code smallrye.jwt.token.kid}</td><td>which key of a JWK set</td></tr>
 * <tr><td>{@code mp.jwt.verify.issuer}, {@code mp.jwt.verify.audiences}, {@code mp.jwt.verify.clock.skew}</td><td>the
 * verifier's issuer, audiences (comma-separated) and leeway (seconds), when set</td></tr>
 * </table>
 *
 * <p>A key that is configured but cannot be read (a location that does not exist, text that is no key) is reported as
 * missing, naming the property and what is wrong, never the text. Immutable.
 */
public final class MicroProfileJwtSettings {

    /** At most this much is read from a key location. */
    private static final int MAX_KEY_BYTES = 1 << 20;

    private static final String PUBLIC_KEY = "mp.jwt.verify.publickey";

    private static final String SECRET_KEY = "smallrye.jwt.verify.secretkey";

    private static final String VERIFY_LOCATION = "smallrye.jwt.verify.key.location";

    private static final String PUBLIC_KEY_LOCATION = "mp.jwt.verify.publickey.location";

    private static final String SIGN_KEY = "smallrye.jwt.sign.key";

    private static final String SIGN_KEY_LOCATION = "smallrye.jwt.sign.key.location";

    private static final String ALGORITHM = "mp.jwt.verify.publickey.algorithm";

    private static final String SMALLRYE_ALGORITHM = "smallrye.jwt.verify.algorithm";

    private static final String KID = "smallrye.jwt.token.kid";

    private static final String ISSUER = "mp.jwt.verify.issuer";

    private static final String AUDIENCES = "mp.jwt.verify.audiences";

    private static final String CLOCK_SKEW = "mp.jwt.verify.clock.skew";

    private final KeySource source;

    private final JwtKey key;

    private final String problem;

    private final String remoteLocation;

    private final String issuer;

    private final List<String> audience;

    private final Duration leeway;

    private MicroProfileJwtSettings(KeySource source, JwtKey key, String problem, String remoteLocation, String issuer,
            List<String> audience, Duration leeway) {
        this.source = source;
        this.key = key;
        this.problem = problem;
        this.remoteLocation = remoteLocation;
        this.issuer = issuer;
        this.audience = audience;
        this.leeway = leeway;
    }

    /**
     * Reads the settings.
     *
     * @param config a property by name; empty when unset
     * @param classLoader where {@code classpath:} and plain locations are looked up first
     * @throws InvalidConfigurationException when {@code mp.jwt.verify.clock.skew} is not a number of seconds
     */
    public static MicroProfileJwtSettings read(Function<String, Optional<String>> config, ClassLoader classLoader) {
        Function<String, String> value = (name) -> config.apply(name).filter((text) -> !text.isBlank()).orElse(null);
        String issuer = value.apply(ISSUER);
        String audiences = value.apply(AUDIENCES);
        List<String> audience = (audiences != null) ? Arrays.stream(audiences.split(",")).map(String::strip)
                .filter((part) -> !part.isEmpty()).toList() : List.of();
        Duration leeway = clockSkew(value.apply(CLOCK_SKEW));
        String kid = value.apply(KID);
        String algorithmName = (value.apply(ALGORITHM) != null) ? value.apply(ALGORITHM)
                : value.apply(SMALLRYE_ALGORITHM);
        String algorithmProperty = (value.apply(ALGORITHM) != null) ? ALGORITHM : SMALLRYE_ALGORITHM;

        Located verify = null;
        String remote = null;
        if (value.apply(PUBLIC_KEY) != null) {
            verify = new Located(KeySource.property(PUBLIC_KEY), value.apply(PUBLIC_KEY), null, false);
        }
        else if (value.apply(SECRET_KEY) != null) {
            verify = new Located(KeySource.property(SECRET_KEY), value.apply(SECRET_KEY), null, true);
        }
        else {
            String property = (value.apply(VERIFY_LOCATION) != null) ? VERIFY_LOCATION : PUBLIC_KEY_LOCATION;
            String location = value.apply(property);
            if (location != null && isRemote(location)) {
                remote = location.strip();
            }
            else if (location != null) {
                verify = locate(property, location.strip(), classLoader);
            }
        }
        Located sign = null;
        if (value.apply(SIGN_KEY) != null) {
            sign = new Located(KeySource.property(SIGN_KEY), value.apply(SIGN_KEY), null, false);
        }
        else if (value.apply(SIGN_KEY_LOCATION) != null && !isRemote(value.apply(SIGN_KEY_LOCATION))) {
            sign = locate(SIGN_KEY_LOCATION, value.apply(SIGN_KEY_LOCATION).strip(), classLoader);
        }
        if (verify == null && sign == null) {
            return new MicroProfileJwtSettings(null, null, null, remote, issuer, audience, leeway);
        }
        Located main = (verify != null) ? verify : sign;
        if (main.problem() != null) {
            return new MicroProfileJwtSettings(main.source(), null, main.problem(), remote, issuer, audience, leeway);
        }
        JwtKeyMaterial material;
        try {
            material = main.secret() ? JwtKeyMaterial.secret(main.text(), kid) : JwtKeyMaterial.parse(main.text(), kid);
        }
        catch (IllegalArgumentException ex) {
            return new MicroProfileJwtSettings(main.source(), null, "cannot be read: " + ex.getMessage(), remote,
                    issuer, audience, leeway);
        }
        PrivateKey signing = null;
        KeySource source = main.source();
        if (verify != null && sign != null && !material.isSecret()) {
            if (sign.problem() != null) {
                return new MicroProfileJwtSettings(sign.source(), null, sign.problem(), remote, issuer, audience,
                        leeway);
            }
            try {
                signing = JwtKeyMaterial.parse(sign.text(), kid).privateKey();
            }
            catch (IllegalArgumentException ex) {
                return new MicroProfileJwtSettings(sign.source(), null, "cannot be read: " + ex.getMessage(), remote,
                        issuer, audience, leeway);
            }
            if (signing != null) {
                source = new KeySource(main.source().setting(), main.source().description() + " with the signing key"
                        + " of " + sign.source().description());
            }
        }
        JwtAlgorithm algorithm;
        try {
            algorithm = (algorithmName != null) ? JwtAlgorithm.of(algorithmName) : material.defaultAlgorithm();
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidConfigurationException(algorithmProperty, ex.getMessage());
        }
        try {
            JwtKey key = material.toJwtKey(algorithm, signing);
            return new MicroProfileJwtSettings(source, key, null, remote, issuer, audience, leeway);
        }
        catch (IllegalArgumentException ex) {
            return new MicroProfileJwtSettings(source, null, "does not suit " + algorithm + ": " + ex.getMessage(),
                    remote, issuer, audience, leeway);
        }
    }

    private static Duration clockSkew(String seconds) {
        if (seconds == null) {
            return null;
        }
        try {
            long value = Long.parseLong(seconds.strip());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return Duration.ofSeconds(value);
        }
        catch (NumberFormatException ex) {
            throw new InvalidConfigurationException(CLOCK_SKEW, "must be a number of seconds, was '" + seconds + "'");
        }
    }

    private static boolean isRemote(String location) {
        String lower = location.strip().toLowerCase(Locale.ROOT);
        return lower.startsWith("http:") || lower.startsWith("https:");
    }

    private static Located locate(String property, String location, ClassLoader classLoader) {
        KeySource source = new KeySource(property, "property '" + property + "' (" + location + ")");
        try {
            byte[] bytes;
            if (location.startsWith("classpath:")) {
                bytes = fromClassPath(location.substring("classpath:".length()), classLoader);
            }
            else if (location.startsWith("file:")) {
                String rest = location.substring("file:".length());
                bytes = fromFile(rest.startsWith("/") ? Path.of(URI.create(location)) : Path.of(rest));
            }
            else {
                bytes = fromClassPath(location, classLoader);
                if (bytes == null) {
                    bytes = fromFile(Path.of(location));
                }
            }
            if (bytes == null) {
                return new Located(source, null, "is not found: no such class path resource or file", false);
            }
            // A secret at smallrye.jwt.verify.key.location is a JWK 'oct' (SmallRye reads no other form there), which
            // JwtKeyMaterial.parse reads as a secret.
            return new Located(source, new String(bytes, StandardCharsets.UTF_8), null, false);
        }
        catch (IOException | RuntimeException ex) {
            return new Located(source, null, "cannot be read: " + ex.getClass().getSimpleName(), false);
        }
    }

    private static byte[] fromClassPath(String resource, ClassLoader classLoader) throws IOException {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        ClassLoader loader = (classLoader != null) ? classLoader : MicroProfileJwtSettings.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(name)) {
            return (in != null) ? limited(in.readNBytes(MAX_KEY_BYTES + 1)) : null;
        }
    }

    private static byte[] fromFile(Path path) throws IOException {
        if (!Files.isRegularFile(path)) {
            return null;
        }
        try (InputStream in = Files.newInputStream(path)) {
            return limited(in.readNBytes(MAX_KEY_BYTES + 1));
        }
    }

    private static byte[] limited(byte[] bytes) throws IOException {
        if (bytes.length > MAX_KEY_BYTES) {
            throw new IOException("larger than 1 MB");
        }
        return bytes;
    }

    /** Whether a key is configured for the check: read (even if unusable), not merely a remote key set. */
    public boolean keyConfigured() {
        return this.source != null;
    }

    /** The key; {@code null} when {@link #problem()} says why not, or nothing is configured. */
    public JwtKey key() {
        return this.key;
    }

    /** Where the key comes from (a property, with its location); {@code null} when nothing is configured. */
    public KeySource source() {
        return this.source;
    }

    /** Why the configured key cannot be used ("is not found: ..."), or {@code null}. Never contains the key. */
    public String problem() {
        return this.problem;
    }

    /** An {@code http(s):} key location, which is not read (a remote JWK set); {@code null} otherwise. */
    public String remoteLocation() {
        return this.remoteLocation;
    }

    /** {@code mp.jwt.verify.issuer}, or {@code null}. */
    public String issuer() {
        return this.issuer;
    }

    /** {@code mp.jwt.verify.audiences}, or empty. */
    public List<String> audience() {
        return this.audience;
    }

    /** {@code mp.jwt.verify.clock.skew}, or {@code null} when unset. */
    public Duration leeway() {
        return this.leeway;
    }

    /** Gives the check its key, or the reason it has none; does nothing when no key is configured. */
    public JwtCheck.Builder applyKey(JwtCheck.Builder check) {
        if (this.key != null) {
            check.key(this.key, this.source);
        }
        else if (this.source != null) {
            check.missingKey(this.source, this.problem);
        }
        return check;
    }

    /** Where the key comes from and its kind; never the key. */
    @Override
    public String toString() {
        return "MicroProfileJwtSettings[" + ((this.source != null) ? this.source.description() : "no key") + ", "
                + ((this.key != null) ? this.key : this.problem) + "]";
    }

    private record Located(KeySource source, String text, String problem, boolean secret) {

        /** Never the key text. */
        @Override
        public String toString() {
            return "Located[" + this.source.description() + "]";
        }
    }
}
