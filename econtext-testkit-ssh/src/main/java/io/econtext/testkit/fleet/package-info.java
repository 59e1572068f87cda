/**
 * A simulated fleet: one SSH server in a JVM of its own that serves many virtual hosts, each booting a real econtext
 * runtime in that JVM, with per-host faults on demand; for tests of code that drives hundreds of hosts.
 */
package io.econtext.testkit.fleet;
