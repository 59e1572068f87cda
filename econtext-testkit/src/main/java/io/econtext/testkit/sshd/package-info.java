/**
 * A real OpenSSH {@code sshd} on loopback for tests, with system test users and their keys: {@link
 * io.econtext.testkit.sshd.SshdFixture}.
 */
package io.econtext.testkit.sshd;
