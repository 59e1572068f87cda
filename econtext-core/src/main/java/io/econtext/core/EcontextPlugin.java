package io.econtext.core;

import com.google.inject.Module;

/**
 * A Guice module that adds a transport (or another feature) to the master. Listed in
 * {@code META-INF/services/io.econtext.core.EcontextPlugin}, it is found when its jar is on the class path.
 *
 * <pre>{@code
 * public final class SshTransportModule extends AbstractModule implements EcontextPlugin {
 *   protected void configure() {
 *     Transports.bind(binder()).addBinding("ssh").to(SshTransport.class);
 *   }
 * }
 * }</pre>
 */
public interface EcontextPlugin extends Module {}
