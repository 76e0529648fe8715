/**
 * Hooks for applications that verify JWTs themselves: Spring Security's entry point decorator. Loaded only when
 * java-jwt and Spring Security are on the class path.
 */
package dev.diagnostics.spring.jwt;
