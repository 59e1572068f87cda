/**
 * Fleets: one thing run on many hosts from one master. An {@link io.econtext.fleet.Inventory} (a hosts file) names the
 * hosts; {@link io.econtext.fleet.Fleet#connect} boots a context on each with bounded parallelism, each ending up
 * connected or with its typed failure; {@link io.econtext.fleet.Fleet#call} and {@link io.econtext.fleet.Fleet#exec}
 * then run on every connected host, with a per-host deadline and a {@link io.econtext.fleet.HostResult} per host as
 * it arrives. {@link io.econtext.fleet.Inventory#shard} splits an inventory for many masters side by side.
 */
package io.econtext.fleet;
