/**
 * The machine's real {@code sudo} for tests, with rules of their own in a sudoers file that lives as long as the test
 * ({@link io.econtext.testkit.sudo.SudoFixture}).
 */
package io.econtext.testkit.sudo;
