package dev.diagnostics.quarkus.deployment;

import java.util.function.Supplier;

/**
 * Random test values that stay the same in both class loaders of a {@code QuarkusExtensionTest}: the test class is
 * initialised once by JUnit and once inside the application, so a random static field would differ between the test
 * and the application. The JVM's system properties are shared by both.
 */
final class SharedTestValues {

    private SharedTestValues() {
    }

    static String shared(String name, Supplier<String> value) {
        return (String) System.getProperties().computeIfAbsent("diagnostics.test." + name, (key) -> value.get());
    }
}
