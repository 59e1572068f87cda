/** The SLF4J provider of a child context: user code's SLF4J logging, forwarded to the master. */
package io.econtext.internal.child.log;
