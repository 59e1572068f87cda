/**
 * Test support for code that drives contexts: questions about local processes ({@link
 * io.econtext.testkit.LocalProcesses}) and a recorder of what contexts print ({@link
 * io.econtext.testkit.OutputCapture}); the JUnit 5 extension, the AssertJ assertions, the ssh and sudo fixtures and the
 * transport contract are in the sub-packages.
 */
package io.econtext.testkit;
