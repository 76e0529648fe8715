/**
 * Adapters from the diagnostics health engine to Spring Boot Actuator's health endpoint: one indicator per check,
 * group membership, and DEGRADED ranked between DOWN and UP.
 */
package dev.diagnostics.spring.actuate;
