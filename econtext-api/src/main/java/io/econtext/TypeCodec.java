package io.econtext;

/**
 * Carries an application's own value type across the wire by turning it into a value econtext already carries (a
 * list, a record, a string, a {@code BigDecimal}, …) and back. Registered on the master's router options; every
 * context the master boots, at every hop, uses the same codec classes.
 *
 * <pre>{@code
 * public final class MoneyCodec implements TypeCodec<Money> {
 *     public Class<Money> type() { return Money.class; }
 *     public Object toCarried(Money m) { return List.of(m.currency().getCurrencyCode(), m.amount()); }
 *     public Money fromCarried(Object carried) {
 *         List<?> l = (List<?>) carried;
 *         return new Money(Currency.getInstance((String) l.get(0)), (BigDecimal) l.get(1));
 *     }
 * }
 *
 * Router router = Econtext.newRouter(RouterOptions.defaults().withTypeCodecs(List.of(MoneyCodec.class)));
 * }</pre>
 *
 * <p><b>How a child learns the codecs.</b> The master names the codec classes to each child it boots, and each child
 * to the children it boots. A child loads a codec class through its ordinary class loading from its parent (subject
 * to the router's class allow and deny lists) the first time it meets a value no built-in rule carries or a payload
 * that names a codec, and makes one instance with the public no-argument constructor. A payload can only name a codec
 * the receiving context was told about: the master, whose list is its own options, never loads or instantiates a class
 * because a child named it.
 *
 * <p><b>Rules.</b> The class must be public with a public no-argument constructor, and its methods must be
 * thread-safe: one instance serves every thread of its context. {@link #type()} may be a class or an interface; a
 * value is carried by the first registered codec whose type it is an instance of, but only when no built-in rule
 * carries it (registering a codec for a record, an enum, a collection or another carried type is refused). A codec
 * whose {@link #fromCarried} throws, or returns something that is not an instance of {@link #type()}, fails the call or
 * message with a {@link CodecException}.
 *
 * @param <T> the application type this codec carries
 */
public interface TypeCodec<T> {
    /** The type this codec carries, e.g. {@code Money.class}. Must return the same class every time. */
    Class<T> type();

    /**
     * The carried form of {@code value}: any value econtext carries, including another codec's type (not this one's).
     * Called on the thread that encodes the call, result or message.
     */
    Object toCarried(T value);

    /**
     * The value whose carried form {@code carried} is, as {@link #toCarried} made it on the other side (decoded into
     * the receiving side's types: lists are {@code ArrayList}s, and so on). Called on the thread that decodes.
     */
    T fromCarried(Object carried);
}
