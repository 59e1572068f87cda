/**
 * The router every context runs: streams to neighbours, handles, routing up and down the tree, route propagation and
 * the checks that keep a child from spoofing or calling into its ancestors. JDK-only.
 */
package io.econtext.internal.router;
