package io.econtext.testkit.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * A bounded in-memory byte pipe between two threads: what a fake context has instead of a process's stdio. Unlike
 * {@link java.io.PipedInputStream}, it does not care which threads write (the core writes a child's stdin from more
 * than one), and either side may close it: closing the writing side ends the reader's stream once it has read what
 * was written; closing the reading side fails the writer.
 *
 * <p>Threads: one reader and any number of writers; a read blocks until bytes arrive, a write while the buffer is full.
 */
final class FakePipe {
    private final byte[] buf;
    private int head;
    private int size;
    private boolean writerClosed;
    private boolean readerClosed;

    FakePipe(int capacity) {
        this.buf = new byte[capacity];
    }

    final InputStream input = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return take(b, off, len);
        }

        @Override
        public int available() {
            synchronized (FakePipe.this) {
                return size;
            }
        }

        @Override
        public void close() {
            closeReader();
        }
    };

    final OutputStream output = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            put(b, off, len);
        }

        @Override
        public void close() {
            closeWriter();
        }
    };

    private synchronized int take(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (size == 0) {
            if (writerClosed) {
                return -1;
            }
            if (readerClosed) {
                throw new IOException("pipe closed");
            }
            await();
        }
        int n = Math.min(len, size);
        int first = Math.min(n, buf.length - head);
        System.arraycopy(buf, head, b, off, first);
        System.arraycopy(buf, 0, b, off + first, n - first);
        head = (head + n) % buf.length;
        size -= n;
        notifyAll();
        return n;
    }

    private synchronized void put(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (readerClosed || writerClosed) {
                throw new IOException("pipe closed");
            }
            if (size == buf.length) {
                await();
                continue;
            }
            int tail = (head + size) % buf.length;
            int n = Math.min(len, Math.min(buf.length - size, buf.length - tail));
            System.arraycopy(b, off, buf, tail, n);
            size += n;
            off += n;
            len -= n;
            notifyAll();
        }
    }

    private void await() throws InterruptedIOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting on a fake context's pipe");
        }
    }

    synchronized void closeWriter() {
        writerClosed = true;
        notifyAll();
    }

    synchronized void closeReader() {
        readerClosed = true;
        size = 0;
        notifyAll();
    }

    /** Closes both sides: the reader's stream ends at once, the writer fails. */
    synchronized void close() {
        writerClosed = true;
        readerClosed = true;
        size = 0;
        notifyAll();
    }
}
