/**
 * Stubbing and call recording: {@link io.econtext.testkit.stub.Stubs#wrap(io.econtext.Context)} makes a context answer
 * chosen calls with a given value or exception and remember every call it received.
 */
package io.econtext.testkit.stub;
