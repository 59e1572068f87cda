/**
 * The sudo transport: boots contexts as another user through {@code sudo}, at any hop of a chain, answering password
 * prompts through a unique prompt marker and providing a terminal when {@code requiretty} demands one. Start from
 * {@link io.econtext.transport.sudo.Sudo#user(String)}.
 */
package io.econtext.transport.sudo;
