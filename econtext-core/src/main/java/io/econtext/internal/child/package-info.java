/**
 * The runtime of a child context: its entry point, class loading from the parent, log and stdio forwarding, booting
 * of its own children and its exit when the parent goes away. JDK-only, and kept small: it is shipped at every boot.
 */
package io.econtext.internal.child;
