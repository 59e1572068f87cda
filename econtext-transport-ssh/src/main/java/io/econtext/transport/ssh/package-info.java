/**
 * The ssh transport: boots contexts on other hosts through the system's OpenSSH client, so that
 * {@code ~/.ssh/config}, agents, {@code ProxyJump} and {@code ControlMaster} work as users expect. Start from
 * {@link io.econtext.transport.ssh.Ssh#to(String)}.
 */
package io.econtext.transport.ssh;
