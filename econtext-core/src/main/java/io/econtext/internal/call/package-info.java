/** Calls and channels on top of the router: pending replies, the call service that runs functions, senders. */
package io.econtext.internal.call;
