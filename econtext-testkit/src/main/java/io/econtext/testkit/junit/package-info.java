/**
 * A JUnit 5 extension for tests of code that drives contexts: {@link io.econtext.testkit.junit.EcontextTest} gives each
 * test a fresh router and real contexts, tears them down afterwards and fails the test that leaves a process behind.
 */
package io.econtext.testkit.junit;
