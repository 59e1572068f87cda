/**
 * Remote class loading: the runtime bundle a child boots from, the master's class server with prefetch, and a class
 * file reader that needs no class loading; JDK-only, because children run it.
 */
package io.econtext.internal.loader;
