/**
 * The transport contract suite: abstract JUnit 5 tests that every transport runs against real child JVMs, by
 * extending {@link io.econtext.testkit.contract.TransportContract}.
 */
package io.econtext.testkit.contract;
