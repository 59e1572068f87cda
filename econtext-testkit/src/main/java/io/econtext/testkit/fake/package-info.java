/**
 * In-JVM fake contexts for fast tests: {@link io.econtext.testkit.fake.Fake#spec()} boots a context that runs in the
 * test's own JVM, in a class loader of its own, and is called through the real codec and router.
 */
package io.econtext.testkit.fake;
