/**
 * Booting a child: the shell script a transport runs, the bytes written to its stdin, the handshake, and the
 * diagnosis of a boot that failed. JDK-only: intermediate contexts boot their own children with it.
 */
package io.econtext.internal.boot;
