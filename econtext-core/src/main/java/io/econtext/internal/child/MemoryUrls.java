package io.econtext.internal.child;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLConnection;
import java.net.URLStreamHandler;

/** {@code econtext:} URLs over bytes held in memory: how resources fetched from the parent are handed to callers. */
final class MemoryUrls {
    private MemoryUrls() {}

    static URL of(String name, final byte[] bytes) {
        try {
            return new URL("econtext", "", -1, "/" + name, new URLStreamHandler() {
                @Override
                protected URLConnection openConnection(URL u) {
                    return new URLConnection(u) {
                        @Override
                        public void connect() {
                            connected = true;
                        }

                        @Override
                        public InputStream getInputStream() {
                            return new ByteArrayInputStream(bytes);
                        }

                        @Override
                        public long getContentLengthLong() {
                            return bytes.length;
                        }
                    };
                }
            });
        } catch (MalformedURLException e) {
            throw new IllegalStateException("cannot make a URL for resource " + name, e);
        }
    }
}
