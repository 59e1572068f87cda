/** The value codec: turns the closed set of values that may cross the wire into tagged bytes and back, JDK-only. */
package io.econtext.internal.codec;
