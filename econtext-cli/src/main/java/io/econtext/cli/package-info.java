/**
 * The {@code econtext} command: boots a chain of contexts given by {@code --via} and pings them, runs a command in
 * the last one, runs rsync, scp or sftp here with their remote side in the last one, or benchmarks them.
 */
package io.econtext.cli;
