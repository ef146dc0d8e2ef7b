package dev.allocator.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a child process to the end and keeps what it printed. */
final class Processes {
    private static final long TIMEOUT_SECONDS = 120;

    private Processes() {
    }

    /** Runs {@code command} with no input, stdout and stderr merged, for at most two minutes. */
    static Result run(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(output);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out after " + TIMEOUT_SECONDS + " s: " + command);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IOException("interrupted waiting for " + command, e);
        }
        return new Result(process.exitValue(), output.toString(StandardCharsets.UTF_8));
    }

    /** A finished process: exit status and everything it printed, both streams merged. */
    static final class Result {
        final int status;
        final String output;

        Result(int status, String output) {
            this.status = status;
            this.output = output;
        }

        /** The text after {@code "label: "} on the first line that starts so, or fails naming the output. */
        String line(String label) {
            return output.lines().filter(line -> line.startsWith(label + ": "))
                    .map(line -> line.substring(label.length() + 2))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no '" + label + ":' line in:\n" + output));
        }
    }
}
