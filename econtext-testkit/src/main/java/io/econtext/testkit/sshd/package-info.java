/**
 * SSH servers on loopback for tests: a real OpenSSH {@code sshd} with system test users and their keys ({@link
 * io.econtext.testkit.sshd.SshdFixture}), and one inside the test JVM that needs no {@code sshd} ({@link
 * io.econtext.testkit.sshd.EmbeddedSshServer}).
 */
package io.econtext.testkit.sshd;
