package io.econtext.it;

import io.econtext.TypeCodec;
import java.math.BigDecimal;
import java.util.List;

/** An application value type no built-in rule carries: only {@link Codec} does, once registered. */
public final class Money {
    final String currency;
    final BigDecimal amount;

    public Money(String currency, BigDecimal amount) {
        this.currency = currency;
        this.amount = amount;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money && ((Money) o).currency.equals(currency) && ((Money) o).amount.equals(amount);
    }

    @Override
    public int hashCode() {
        return currency.hashCode() * 31 + amount.hashCode();
    }

    @Override
    public String toString() {
        return amount + " " + currency;
    }

    /** Carries a {@link Money} as {@code [currency, amount]}. */
    public static final class Codec implements TypeCodec<Money> {
        @Override
        public Class<Money> type() {
            return Money.class;
        }

        @Override
        public Object toCarried(Money value) {
            return List.of(value.currency, value.amount);
        }

        @Override
        public Money fromCarried(Object carried) {
            List<?> l = (List<?>) carried;
            return new Money((String) l.get(0), (BigDecimal) l.get(1));
        }
    }
}
