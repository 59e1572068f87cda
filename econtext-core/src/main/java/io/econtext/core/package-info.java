/** The master-side entry point and its Guice wiring: {@link io.econtext.core.Econtext#newRouter()}. */
package io.econtext.core;
