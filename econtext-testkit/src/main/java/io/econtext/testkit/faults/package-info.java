/**
 * Fault injection for tests of code that drives contexts: kill, stall, drop, corrupt, delay and fail, on any context
 * at any hop. Start from {@link io.econtext.testkit.faults.Faults#on(io.econtext.Context)} and
 * {@link io.econtext.testkit.faults.FaultyRouter#wrap(io.econtext.Router)}.
 */
package io.econtext.testkit.faults;
