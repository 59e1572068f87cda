/** The user-facing API of econtext: routers, contexts, calls, channels, secrets and the exception tree. */
package io.econtext;
