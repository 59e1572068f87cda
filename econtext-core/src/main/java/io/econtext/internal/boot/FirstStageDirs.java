package io.econtext.internal.boot;

import java.util.List;
import java.util.Map;

/**
 * Optional settings a spec may carry for the bootstrap: where the first stage may be written and environment
 * variables for the child's shell.
 */
public interface FirstStageDirs {
    /** Candidate directories in order ({@code $NAME} reads the environment); empty means the default list. */
    List<String> firstStageDirs();

    /** Variables to set for the boot script (transports that can set them). */
    Map<String, String> environment();
}
