package dev.diagnostics.jwt;

import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The rules a JWT key must pass, with the reason when it does not:
 *
 * <ul>
 * <li>{@code jwt.key-too-short}: an HMAC secret shorter than its hash (RFC 7518 section 3.2: HS256 needs 256 bits,
 * HS384 384, HS512 512). java-jwt accepts any length, so nothing else tells you;</li>
 * <li>{@code jwt.key-placeholder}: a known placeholder or common password ({@code secret}, {@code changeme},
 * jwt.io's {@code your-256-bit-secret}, ...), or a secret that contains one;</li>
 * <li>{@code jwt.key-memorable}: a human-memorable passphrase (RFC 8725 section 3.5): words with separators such as
 * {@code my-super-long-signing-key-for-orders}, however long: words have far less entropy than their length
 * suggests;</li>
 * <li>{@code jwt.key-low-entropy}: few distinct characters or a repeated pattern ({@code aaaa...},
 * {@code 0123012301...});</li>
 * <li>{@code jwt.key-rsa-too-small}: an RSA modulus under 2048 bits (RFC 7518 section 3.3);</li>
 * <li>{@code jwt.key-ec-curve}: an EC key not on the named curve of its algorithm (ES256 on P-256, ES384 on P-384,
 * ES512 on P-521).</li>
 * </ul>
 *
 * <p>Messages name the rule, the lengths and sizes involved, never the key. Stateless and thread-safe.
 */
public final class KeyStrength {

    /** A rule a key breaks. */
    public record Problem(String code, String message) {
    }

    /** Known placeholders and the most common passwords, lowercase, letters and digits only. */
    private static final Set<String> PLACEHOLDERS = Set.of("secret", "changeme", "changeit", "password", "passw0rd",
            "default", "example", "your256bitsecret", "your384bitsecret", "your512bitsecret", "yoursecretkey",
            "yoursecret", "mysecret", "mysecretkey", "supersecret", "topsecret", "jwtsecret", "jwtkey", "secretkey",
            "signingkey", "test", "testing", "development", "admin", "qwerty", "letmein", "welcome", "dummy",
            "placeholder", "replaceme", "todo", "null", "undefined", "none", "key", "token", "s3cr3t", "secr3t",
            "123456", "12345678", "123456789", "1234567890", "iloveyou", "abc123", "foobar", "hunter2", "trustno1",
            "monkey", "dragon", "master", "shadow", "sunshine", "princess", "football", "baseball", "starwars",
            "notasecret", "insecure", "unsafe", "demo", "sample", "tmp", "temp", "local", "localhost", "root");

    /** Stems whose presence anywhere marks a placeholder (after removing everything but letters and digits). */
    private static final List<String> PLACEHOLDER_STEMS = List.of("changeme", "changeit", "changethis",
            "replaceme", "replacethis", "your256bitsecret", "yoursecret", "supersecret", "topsecret", "mysecret",
            "placeholder", "notasecret", "example", "password", "passw0rd", "dummy", "insecure", "donotuse",
            "dontuse", "fixme", "todo", "xxxxxx", "qwerty", "letmein", "123456");

    private static final int MAX_WORD = 14;

    private KeyStrength() {
    }

    /** The rules the key breaks; empty when it passes them all. */
    public static List<Problem> assess(JwtKey key) {
        List<Problem> problems = new ArrayList<>();
        JwtAlgorithm algorithm = key.algorithm();
        switch (algorithm.family()) {
            case HMAC -> assessSecret(key, problems);
            case RSA -> {
                int bits = ((RSAPublicKey) key.publicKey()).getModulus().bitLength();
                if (bits < algorithm.minimumKeyBits()) {
                    problems.add(new Problem("jwt.key-rsa-too-small", "The RSA key has a " + bits
                            + "-bit modulus; " + algorithm + " needs at least 2048 bits (RFC 7518 section 3.3)"));
                }
            }
            case EC -> {
                String curve = curveOf(((ECPublicKey) key.publicKey()).getParams());
                if (!algorithm.curve().equals(curve)) {
                    problems.add(new Problem("jwt.key-ec-curve", "The EC key is on "
                            + ((curve != null) ? "curve " + curve : "a curve that is not a named one") + "; "
                            + algorithm + " is defined on " + algorithm.curve() + " only (RFC 7518 section 3.4)"));
                }
            }
            default -> throw new IllegalStateException(algorithm.family().name());
        }
        return problems;
    }

    private static void assessSecret(JwtKey key, List<Problem> problems) {
        JwtAlgorithm algorithm = key.algorithm();
        byte[] secret = key.secret();
        try {
            int bits = secret.length * 8;
            if (bits < algorithm.minimumKeyBits()) {
                problems.add(new Problem("jwt.key-too-short", "The " + algorithm + " secret has " + bits
                        + " bits; it needs at least " + algorithm.minimumKeyBits() + " (" + algorithm.minimumKeyBits() / 8
                        + " bytes, RFC 7518 section 3.2)"));
            }
            String text = key.secretIsText() ? new String(secret, StandardCharsets.UTF_8) : asText(secret);
            if (text != null) {
                String letters = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
                String withoutDigits = letters.replaceAll("[0-9]+$", "").replaceAll("^[0-9]+", "");
                if (PLACEHOLDERS.contains(letters) || PLACEHOLDERS.contains(withoutDigits)
                        || PLACEHOLDER_STEMS.stream().anyMatch(letters::contains)) {
                    problems.add(new Problem("jwt.key-placeholder", "The " + algorithm + " secret is, or contains,"
                            + " a well-known placeholder or common password"));
                }
                else if (isPassphrase(text)) {
                    problems.add(new Problem("jwt.key-memorable", "The " + algorithm + " secret is made of words"
                            + " (a human-memorable passphrase, RFC 8725 section 3.5): it has far less entropy than"
                            + " its " + bits + " bits suggest"));
                }
            }
            if (problems.stream().noneMatch((problem) -> problem.code().equals("jwt.key-placeholder"))
                    && lowEntropy(secret)) {
                problems.add(new Problem("jwt.key-low-entropy", "The " + algorithm + " secret has few distinct"
                        + " characters or repeats a short pattern"));
            }
        }
        finally {
            java.util.Arrays.fill(secret, (byte) 0);
        }
    }

    /** The secret as text when it is printable ASCII (a secret given as Base64 may decode to a passphrase). */
    private static String asText(byte[] secret) {
        for (byte b : secret) {
            if (b < 0x20 || b > 0x7e) {
                return null;
            }
        }
        try {
            return StandardCharsets.US_ASCII.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(secret)).toString();
        }
        catch (CharacterCodingException ex) {
            return null;
        }
    }

    /**
     * Whether the text reads as words: mostly letters, split by separators, digits and camel-case boundaries into
     * words of 2 to 14 letters, each in one case (or capitalised). Random Base64 or hex fails this: its letter runs
     * mix cases, are single letters, or are too few.
     */
    static boolean isPassphrase(String text) {
        int letters = 0;
        for (int i = 0; i < text.length(); i++) {
            if (Character.isLetter(text.charAt(i))) {
                letters++;
            }
        }
        if (text.isEmpty() || letters < text.length() * 0.75) {
            return false;
        }
        List<String> words = new ArrayList<>();
        for (String run : text.split("[^A-Za-z]+")) {
            if (!run.isEmpty()) {
                words.addAll(List.of(run.split("(?<=[a-z])(?=[A-Z])")));
            }
        }
        if (words.size() < 2 && letters > MAX_WORD) {
            return false;
        }
        int vowelWords = 0;
        for (String word : words) {
            if (word.length() < 2 || word.length() > MAX_WORD) {
                return false;
            }
            String rest = word.substring(1);
            boolean oneCase = word.equals(word.toLowerCase(Locale.ROOT)) || word.equals(word.toUpperCase(Locale.ROOT))
                    || rest.equals(rest.toLowerCase(Locale.ROOT));
            if (!oneCase) {
                return false;
            }
            if (word.toLowerCase(Locale.ROOT).matches(".*[aeiouy].*")) {
                vowelWords++;
            }
        }
        return vowelWords * 4 >= words.size() * 3;
    }

    /** Fewer than 10 distinct bytes, or the whole secret repeats a unit of at most a quarter of its length. */
    static boolean lowEntropy(byte[] secret) {
        BitSet distinct = new BitSet(256);
        for (byte b : secret) {
            distinct.set(b & 0xff);
        }
        int minimumDistinct = Math.min(10, Math.max(2, secret.length / 2));
        if (distinct.cardinality() < minimumDistinct) {
            return true;
        }
        for (int period = 1; period <= secret.length / 4; period++) {
            boolean repeats = true;
            for (int i = period; i < secret.length && repeats; i++) {
                repeats = secret[i] == secret[i - period];
            }
            if (repeats) {
                return true;
            }
        }
        return false;
    }

    /** The name of the named curve with these parameters (order, generator, curve); {@code null} for any other. */
    static String curveOf(ECParameterSpec params) {
        for (String[] named : NAMED_CURVES) {
            ECParameterSpec spec = namedSpec(named[1]);
            if (spec != null && spec.getOrder().equals(params.getOrder())
                    && spec.getGenerator().equals(params.getGenerator()) && spec.getCurve().equals(params.getCurve())
                    && spec.getCofactor() == params.getCofactor()) {
                return named[0];
            }
        }
        return null;
    }

    private static final String[][] NAMED_CURVES = { { "P-256", "secp256r1" }, { "P-384", "secp384r1" },
            { "P-521", "secp521r1" } };

    private static ECParameterSpec namedSpec(String jcaName) {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec(jcaName));
            return parameters.getParameterSpec(ECParameterSpec.class);
        }
        catch (GeneralSecurityException ex) {
            return null;
        }
    }
}
