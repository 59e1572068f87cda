/** The master's side of the runtime: the Netty broker, the router that owns the tree, and its services. */
package io.econtext.internal.master;
