/**
 * AssertJ assertions on contexts, remote call failures and captured output, with one entry point: {@link
 * io.econtext.testkit.assertj.EcontextAssertions}.
 */
package io.econtext.testkit.assertj;
