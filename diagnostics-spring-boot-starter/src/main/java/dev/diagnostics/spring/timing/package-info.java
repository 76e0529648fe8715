/**
 * Method timing for {@link dev.diagnostics.timing.TimedSection} through Spring AOP, JDBC statement timing through
 * datasource-proxy and Redis command timing through lettuce: adapters of core's timing, no logic of their own.
 */
package dev.diagnostics.spring.timing;
