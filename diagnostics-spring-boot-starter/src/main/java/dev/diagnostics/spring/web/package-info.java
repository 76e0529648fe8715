/**
 * Request filters that adapt core's per-request recorders to Spring MVC and WebFlux. No logic of their own.
 */
package dev.diagnostics.spring.web;
