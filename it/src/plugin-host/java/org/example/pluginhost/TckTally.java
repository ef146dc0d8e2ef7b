package org.example.pluginhost;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.TestAbortedException;

/** Runs the tck's dynamic tests without a test engine, as a host program can, and counts the outcomes. */
final class TckTally {
    int passed;
    int failed;
    int skipped;

    /** Runs a test, or every test of a container, depth first; prints each failure on stdout. */
    void run(DynamicNode node) {
        if (node instanceof DynamicContainer) {
            ((DynamicContainer) node).getChildren().forEach(this::run);
            return;
        }
        DynamicTest test = (DynamicTest) node;
        try {
            test.getExecutable().execute();
            passed++;
        } catch (TestAbortedException e) {
            skipped++;
        } catch (Throwable e) {
            failed++;
            System.out.println("tck failure: " + test.getDisplayName() + ": " + e);
        }
    }
}
