/**
 * The {@code econtext} command: boots a chain of contexts given by {@code --via} and pings them, runs a command in
 * the last one, or runs rsync, scp or sftp here with their remote side in the last one. Other modules add commands
 * ({@link io.econtext.cli.AddedCommand}): econtext-bench adds {@code bench}.
 */
package io.econtext.cli;
