package io.econtext.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.econtext.RemoteThrowable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThrowableCodecTest {
    private final ValueCodec codec = new ValueCodec(new ValueCodecTest.FakeHooks());

    private Object roundTrip(Object value) {
        byte[] payload = codec.encode(value);
        return codec.decode(payload, 0, payload.length);
    }

    static final class BrokenMessageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        @Override
        public String getMessage() {
            throw new IllegalStateException("no message for you");
        }
    }

    @Test
    void decodesAThrowableWithCauseAndSuppressedToRemoteThrowable() {
        IOException cause = new IOException("disk full");
        IllegalStateException top = new IllegalStateException("save failed", cause);
        top.addSuppressed(new IllegalArgumentException("close failed"));

        Object decoded = roundTrip(top);

        assertThat(decoded).isInstanceOf(RemoteThrowable.class);
        RemoteThrowable remote = (RemoteThrowable) decoded;
        assertThat(remote.remoteClassName()).isEqualTo("java.lang.IllegalStateException");
        assertThat(remote.remoteMessage()).isEqualTo("save failed");
        assertThat(remote.is(IllegalStateException.class)).isTrue();
        assertThat(remote.getStackTrace()).isNotEmpty().containsExactly(top.getStackTrace());

        assertThat(remote.getCause()).isInstanceOf(RemoteThrowable.class);
        RemoteThrowable remoteCause = (RemoteThrowable) remote.getCause();
        assertThat(remoteCause.remoteClassName()).isEqualTo("java.io.IOException");
        assertThat(remoteCause.remoteMessage()).isEqualTo("disk full");
        assertThat(remoteCause.getStackTrace()).containsExactly(cause.getStackTrace());

        assertThat(remote.getSuppressed()).hasSize(1);
        RemoteThrowable suppressed = (RemoteThrowable) remote.getSuppressed()[0];
        assertThat(suppressed.remoteClassName()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(suppressed.getMessage()).isEqualTo("java.lang.IllegalArgumentException: close failed");
    }

    @Test
    void decodesAFieldThatRepeatsThePreviousFramesOnceAndKeepsTheRestApart() {
        StackTraceElement[] stack = {
            new StackTraceElement("app", "java.base", "17.0.9", "java.lang.Thread", "run", "Thread.java", 1),
            new StackTraceElement("app", "java.base", "17.0.9", "java.lang.Thread", "start", "Thread.java", 2),
            new StackTraceElement("app", "java.base", "17.0.99", "java.lang.Threads", "run", "Thread.jav", 3),
            new StackTraceElement(null, "java.base", null, "java.lang.Thread", "run", "Thread.java", 4),
        };
        Error error = new Error();
        error.setStackTrace(stack);

        StackTraceElement[] got = ((RemoteThrowable) roundTrip(error)).getStackTrace();

        assertThat(got).containsExactly(stack);
        assertThat(got[1].getModuleName()).isSameAs(got[0].getModuleName());
        assertThat(got[1].getModuleVersion()).isSameAs(got[0].getModuleVersion());
        assertThat(got[1].getClassName()).isSameAs(got[0].getClassName());
        assertThat(got[1].getFileName()).isSameAs(got[0].getFileName());
        assertThat(got[2].getModuleVersion()).isNotSameAs(got[1].getModuleVersion());
        assertThat(got[3].getModuleName()).isSameAs(got[0].getModuleName());
    }

    @Test
    void keepsNullMessagesAndAllStackFrameFields() {
        StackTraceElement frame = new StackTraceElement("app", "java.base", "17", "com.acme.Main", "run", null, -2);
        Error error = new Error();
        error.setStackTrace(new StackTraceElement[] {frame});

        RemoteThrowable remote = (RemoteThrowable) roundTrip(error);

        assertThat(remote.remoteMessage()).isNull();
        assertThat(remote.getMessage()).isEqualTo("java.lang.Error");
        StackTraceElement decoded = remote.getStackTrace()[0];
        assertThat(decoded).isEqualTo(frame);
        assertThat(decoded.getClassLoaderName()).isEqualTo("app");
        assertThat(decoded.getModuleName()).isEqualTo("java.base");
        assertThat(decoded.getModuleVersion()).isEqualTo("17");
        assertThat(decoded.getFileName()).isNull();
        assertThat(decoded.isNativeMethod()).isTrue();
    }

    @Test
    void reEncodingARemoteThrowableKeepsTheRemoteClassAndMessage() {
        RemoteThrowable first = (RemoteThrowable) roundTrip(new UnsupportedOperationException("nope"));

        RemoteThrowable second = (RemoteThrowable) roundTrip(first);

        assertThat(second.remoteClassName()).isEqualTo("java.lang.UnsupportedOperationException");
        assertThat(second.remoteMessage()).isEqualTo("nope");
        assertThat(second.getStackTrace()).containsExactly(first.getStackTrace());
    }

    @Test
    void cutsACauseCycle() {
        IllegalStateException a = new IllegalStateException("a");
        IllegalArgumentException b = new IllegalArgumentException("b");
        a.initCause(b);
        b.initCause(a);
        a.addSuppressed(b);

        RemoteThrowable remote = (RemoteThrowable) roundTrip(a);

        assertThat(remote.remoteMessage()).isEqualTo("a");
        assertThat(((RemoteThrowable) remote.getCause()).remoteMessage()).isEqualTo("b");
        assertThat(remote.getCause().getCause()).isNull();
        assertThat(remote.getSuppressed()).isEmpty();
    }

    @Test
    void carriesAtMostSixteenLevelsOfCauses() {
        Throwable chain = new RuntimeException("level 40");
        for (int i = 39; i >= 0; i--) {
            chain = new RuntimeException("level " + i, chain);
        }

        Throwable remote = (Throwable) roundTrip(chain);

        int levels = 0;
        for (Throwable t = remote; t != null; t = t.getCause()) {
            assertThat(((RemoteThrowable) t).remoteMessage()).isEqualTo("level " + levels);
            levels++;
        }
        assertThat(levels).isEqualTo(ValueCodec.MAX_THROWABLE_DEPTH);
    }

    @Test
    void survivesAGetMessageThatThrows() {
        RemoteThrowable remote = (RemoteThrowable) roundTrip(new BrokenMessageException());

        assertThat(remote.remoteClassName()).isEqualTo(BrokenMessageException.class.getName());
        assertThat(remote.remoteMessage()).isEqualTo("(getMessage() threw java.lang.IllegalStateException)");
    }

    @Test
    void roundTripsThrowablesInsideCollectionsAndRecords() {
        Object decoded = roundTrip(Map.of(
                "error", new UncheckedIOException(new IOException("gone")),
                "nested", new RecordAccessTest.Holder(List.of(new ArithmeticException("/ by zero")))));

        Map<?, ?> map = (Map<?, ?>) decoded;
        RemoteThrowable error = (RemoteThrowable) map.get("error");
        assertThat(error.remoteClassName()).isEqualTo("java.io.UncheckedIOException");
        assertThat(error.remoteMessage()).isEqualTo("java.io.IOException: gone");
        assertThat(((RemoteThrowable) error.getCause()).remoteMessage()).isEqualTo("gone");
        Object nested = ((RecordAccessTest.Holder) map.get("nested")).value();
        assertThat(((RemoteThrowable) ((List<?>) nested).get(0)).is(ArithmeticException.class))
                .isTrue();
    }
}
