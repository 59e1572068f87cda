/**
 * fakessh: runs a local program (rsync, scp, sftp, git, ...) whose {@code ssh} is served by econtext, so that its
 * remote commands run in a context the master already has, through every hop. Start from
 * {@link io.econtext.fakessh.FakeSsh#run(io.econtext.Context, java.util.List)}.
 */
package io.econtext.fakessh;
