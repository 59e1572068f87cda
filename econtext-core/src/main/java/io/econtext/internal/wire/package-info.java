/** The frame format every stream speaks, and its reader and writer. JDK-only: it runs in every context. */
package io.econtext.internal.wire;
