/** The local transport: a child JVM on this machine, the embedded default for demos and tests. */
package io.econtext.transport.local;
