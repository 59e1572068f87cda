/** Small JDK-only pieces shared by the master and the child runtime: logging indirection and scheduling. */
package io.econtext.internal.util;
