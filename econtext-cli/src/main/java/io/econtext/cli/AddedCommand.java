package io.econtext.cli;

/**
 * A subcommand that another module adds to {@code econtext}: a picocli {@code @Command} class with a public no-argument
 * constructor that implements this interface and is named in {@code META-INF/services/io.econtext.cli.AddedCommand}.
 * {@link Main} finds it on the class path with {@link java.util.ServiceLoader} and lists it after its own commands,
 * with {@code --debug}, {@code -h} and {@code -V} like them. econtext-bench adds {@code bench} this way:
 *
 * <pre>{@code
 * @Command(name = "bench", description = "Print the benchmark report for a chain.")
 * public final class BenchCommand implements AddedCommand, Callable<Integer> { ... }
 * }</pre>
 */
public interface AddedCommand {}
