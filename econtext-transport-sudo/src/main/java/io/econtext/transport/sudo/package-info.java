/**
 * The sudo transport: boots contexts as another user through {@code sudo}, at any hop of a chain, handing a password
 * only to sudo's own askpass helper and providing a terminal when {@code requiretty} demands one. Start from
 * {@link io.econtext.transport.sudo.Sudo#user(String)}.
 */
package io.econtext.transport.sudo;
