package io.econtext.internal.codec;

import io.econtext.Context;
import io.econtext.Secret;
import io.econtext.Sender;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAccessor;
import java.time.temporal.TemporalAmount;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;

/**
 * The closed world: which types the codec carries by itself, and which component types an array may have. An array's
 * component must be a type whose instances decode to what the array can hold, so that a payload cannot make the
 * receiving side create an array of a class it would never carry: the JDK types below, enums and records (resolved as
 * for a value), arrays of those, and types of registered {@link io.econtext.TypeCodec}s.
 */
final class CarriedTypes {
    private CarriedTypes() {}

    /** What the codec carries, for error messages. */
    static final String CARRIED = "econtext carries null, primitives and boxes, String, arrays of carried types"
            + " (byte[], int[], char[], String[], long[][], MyRecord[], Object[], ...), List, Set, Map, enums,"
            + " records, exceptions, Duration, Instant, LocalDate, LocalTime, LocalDateTime, OffsetDateTime,"
            + " ZonedDateTime, ZoneId, UUID, Optional, OptionalInt, OptionalLong, OptionalDouble, URI, BigInteger,"
            + " BigDecimal, Path, Runtime.Version, Secret, Context and Sender references, serializable lambdas, and"
            + " the types of TypeCodecs registered with RouterOptions.withTypeCodecs";

    /** Component types of arrays that need no class lookup: by {@link Class#getName()}. */
    private static final Map<String, Class<?>> JDK_COMPONENTS = new HashMap<>();

    static {
        Class<?>[] types = {
            Object.class,
            String.class,
            Boolean.class,
            Byte.class,
            Short.class,
            Character.class,
            Integer.class,
            Long.class,
            Float.class,
            Double.class,
            Number.class,
            CharSequence.class,
            Comparable.class,
            Serializable.class,
            Iterable.class,
            Collection.class,
            List.class,
            Set.class,
            Map.class,
            Duration.class,
            Instant.class,
            LocalDate.class,
            LocalTime.class,
            LocalDateTime.class,
            OffsetDateTime.class,
            ZonedDateTime.class,
            ZoneId.class,
            ZoneOffset.class,
            Temporal.class,
            TemporalAccessor.class,
            TemporalAmount.class,
            UUID.class,
            Optional.class,
            OptionalInt.class,
            OptionalLong.class,
            OptionalDouble.class,
            URI.class,
            BigInteger.class,
            BigDecimal.class,
            Path.class,
            Runtime.Version.class,
            Secret.class,
            Context.class,
            Sender.class,
            boolean.class,
            byte.class,
            short.class,
            char.class,
            int.class,
            long.class,
            float.class,
            double.class
        };
        for (Class<?> t : types) {
            JDK_COMPONENTS.put(t.getName(), t);
        }
    }

    /** The JDK component type named {@code name} ({@link Class#getName()} spelling), or {@code null}. */
    static Class<?> jdkComponent(String name) {
        return JDK_COMPONENTS.get(name);
    }

    /** True when an array may have component type {@code c} (checked on both sides). */
    static boolean isCarriedComponent(Class<?> c, CodecHooks hooks) {
        while (c.isArray()) {
            c = c.getComponentType();
        }
        return JDK_COMPONENTS.get(c.getName()) == c
                || c.isEnum()
                || c.isRecord()
                || hooks.typeCodecs().registersExactly(c);
    }

    /**
     * Why econtext carries {@code type} itself, or {@code null} when it does not: a {@link io.econtext.TypeCodec}
     * for such a type would never be asked.
     */
    static String builtInRule(Class<?> type) {
        if (type.isPrimitive() || type == String.class || isBox(type)) {
            return "a primitive, box or String";
        } else if (type.isArray()) {
            return "an array";
        } else if (type.isEnum() || type.isRecord()) {
            return type.isEnum() ? "an enum" : "a record";
        } else if (List.class.isAssignableFrom(type)
                || Set.class.isAssignableFrom(type)
                || Map.class.isAssignableFrom(type)) {
            return "a List, Set or Map";
        } else if (Throwable.class.isAssignableFrom(type)) {
            return "an exception";
        } else if (Secret.class.isAssignableFrom(type)
                || Context.class.isAssignableFrom(type)
                || Sender.class.isAssignableFrom(type)) {
            return "a Secret, Context or Sender";
        } else if (JdkValues.tagOf(type) != 0) {
            return "a JDK value type";
        }
        return null;
    }

    private static boolean isBox(Class<?> type) {
        return type == Boolean.class
                || type == Character.class
                || type == Byte.class
                || type == Short.class
                || type == Integer.class
                || type == Long.class
                || type == Float.class
                || type == Double.class;
    }
}
