package dev.allocator.cli;

import dev.allocator.api.AllocException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Entry point of the {@code allocator} command. Exit codes: 0 success, 1 an allocator failed on a trace (a bug in
 * it), 2 bad input (a missing or malformed file, an unknown allocator, a bad size, a pool too small), reported as
 * one line on stderr; {@code --verbose} adds the stack trace.
 */
public final class Main {
    /** Exit code of bad input. */
    static final int BAD_INPUT = 2;
    /** Exit code of an allocator failing. */
    static final int FAILED = 1;

    private Main() {
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the command line, e.g. {@code replay trace.trace -a tlsf}
     */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, charset), true);
        int code = execute(args, out, err);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs the command line in-process, printing to {@code out} and {@code err}; returns the exit code. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return commandLine(out, err).execute(args);
    }

    /** The configured command line: output writers, one-line errors, exit codes. */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new AllocatorCommand());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((exception, args) -> {
            CommandLine failed = exception.getCommandLine();
            failed.getErr().println(prefix(failed) + exception.getMessage() + " (see '"
                    + failed.getCommandSpec().qualifiedName() + " --help')");
            if (Arrays.asList(args).contains("--verbose")) {
                exception.printStackTrace(failed.getErr());
            }
            failed.getErr().flush();
            return BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((exception, failed, parseResult) -> {
            PrintWriter errors = failed.getErr();
            int code;
            if (exception instanceof UserException || exception instanceof IllegalArgumentException
                    || exception instanceof AllocException) {
                errors.println(prefix(failed) + exception.getMessage());
                code = BAD_INPUT;
            } else if (exception instanceof ReplayException) {
                errors.println(prefix(failed) + exception.getMessage());
                code = FAILED;
            } else {
                errors.println(prefix(failed) + "internal error: " + exception);
                code = FAILED;
            }
            if (verbose(parseResult)) {
                exception.printStackTrace(errors);
            }
            errors.flush();
            return code;
        });
        return commandLine;
    }

    private static String prefix(CommandLine failed) {
        return failed.getCommandSpec().qualifiedName() + ": ";
    }

    private static boolean verbose(ParseResult parseResult) {
        for (ParseResult result = parseResult; result != null; result = result.subcommand()) {
            if (result.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
