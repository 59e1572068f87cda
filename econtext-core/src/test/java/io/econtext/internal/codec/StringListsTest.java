package io.econtext.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.econtext.CodecException;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Large lists of strings go through two threads ({@link StringLists}): the bytes are exactly those of the one-thread
 * path (a {@link LinkedList}, which is never split), the decoded list is equal, and every list or payload the split
 * does not expect takes the one-thread path, with its errors.
 */
@Timeout(60)
class StringListsTest {
    private static final int N = StringLists.PARALLEL_MIN * 2 + 3;

    private final ValueCodec codec = new ValueCodec(CodecHooks.NONE);

    @Test
    void aSplitListEncodesToTheBytesOfTheOneThreadPathAndDecodesEqual() {
        List<String> strings = mixedStrings(N);
        long before = StringLists.splitCount();
        byte[] split = codec.encode(new ArrayList<>(strings));
        Object decoded = codec.decode(split, 0, split.length);
        if (Runtime.getRuntime().availableProcessors() > 1) {
            assertThat(StringLists.splitCount() - before)
                    .as("lists split, encoded and decoded")
                    .isEqualTo(2);
        }

        assertThat(split).isEqualTo(codec.encode(new LinkedList<>(strings)));
        assertThat(decoded).isInstanceOf(ArrayList.class).isEqualTo(strings);
    }

    @Test
    void aListThatIsNotAllStringsInEitherHalfIsWrittenByTheOneThreadPath() {
        for (int at : new int[] {7, N - 7}) {
            List<Object> items = new ArrayList<>(mixedStrings(N));
            items.set(at, 42);
            byte[] split = codec.encode(items);

            assertThat(split).as("a number at " + at).isEqualTo(codec.encode(new LinkedList<>(items)));
            assertThat(codec.decode(split, 0, split.length)).isEqualTo(items);
        }
    }

    @Test
    void aListOfListsOfStringsSplitsEachInnerList() {
        List<List<String>> outer = List.of(mixedStrings(N), List.of("small"), mixedStrings(N));
        byte[] bytes = codec.encode(new ArrayList<>(outer));

        assertThat(codec.decode(bytes, 0, bytes.length)).isEqualTo(outer);
    }

    @Test
    void stringsOverTheBudgetFailAsOnTheOneThreadPath() {
        List<String> empty = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            empty.add("");
        }
        byte[] bytes = codec.encode(empty); // 2 bytes each on the wire, a String object each in the heap

        assertThatThrownBy(() -> codec.decodePlain(bytes, 0, bytes.length))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("more than its budget");
    }

    @Test
    void aTruncatedOrCorruptListFailsAsOnTheOneThreadPath() {
        byte[] bytes = codec.encode(mixedStrings(N));
        assertThatThrownBy(() -> codec.decode(bytes, 0, bytes.length - 3))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("malformed payload");

        byte[] corrupt = bytes.clone();
        int second = secondElementTag(corrupt);
        corrupt[second] = (byte) 0xEE; // no such tag
        assertThatThrownBy(() -> codec.decode(corrupt, 0, corrupt.length)).isInstanceOf(CodecException.class);
    }

    @Test
    void aBusyCommonPoolMeansTheCallerDoesBothHalves() throws Exception {
        BusyCommonPool.whileBlocked(() -> {
            List<String> strings = mixedStrings(N);
            byte[] bytes = codec.encode(new ArrayList<>(strings));

            assertThat(codec.decode(bytes, 0, bytes.length)).isEqualTo(strings);
        });
    }

    /** ASCII, Latin-1, CJK and astral strings of 0 to 300 bytes (one- and two-byte lengths). */
    private static List<String> mixedStrings(int n) {
        String[] kinds = {"", "item-", "Zürich-", "東京-", "\uD83D\uDE00-", "x".repeat(200)};
        List<String> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(kinds[i % kinds.length] + i);
        }
        return list;
    }

    /** The offset of the second element's tag in an encoded list of strings. */
    private static int secondElementTag(byte[] bytes) {
        ByteSource in = new ByteSource(bytes, 1, bytes.length - 1);
        assertThat(in.readUnsignedByte()).isEqualTo(Tags.LIST);
        in.readVarInt();
        assertThat(in.readUnsignedByte()).isEqualTo(Tags.STRING);
        in.skipString();
        return in.position();
    }
}
