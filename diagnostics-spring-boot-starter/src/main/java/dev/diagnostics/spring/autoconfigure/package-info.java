/**
 * Spring Boot auto-configuration of the diagnostics health engine and its {@code diagnostics.*} properties.
 */
package dev.diagnostics.spring.autoconfigure;
