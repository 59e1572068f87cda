package io.econtext;

/**
 * What a child context said about itself when it booted.
 *
 * @param name the context's name
 * @param pid the child JVM's process id on its host
 * @param user the user it runs as
 * @param host the host it runs on
 * @param javaVersion {@code java.version} of the child JVM
 * @param javaHome {@code java.home} of the child JVM
 * @param bootMillis milliseconds from starting the transport to the child's first answer
 */
public record ContextInfo(
        String name, long pid, String user, String host, String javaVersion, String javaHome, long bootMillis) {}
