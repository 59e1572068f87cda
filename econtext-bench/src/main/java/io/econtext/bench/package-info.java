/**
 * The {@code bench} command: measures the bars of the design brief (§10) side by side with their baselines in one run
 * and prints a report, or with {@code --soak} runs the soak ({@link io.econtext.bench.Soak}).
 * {@link io.econtext.bench.Probe}, {@link io.econtext.bench.Remote} and
 * {@link io.econtext.bench.SoakRemote} hold the only code that runs in child contexts;
 * {@link io.econtext.bench.Hello} is the bare JVM every ratio is measured against.
 */
package io.econtext.bench;
