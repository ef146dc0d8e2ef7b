package dev.allocator.tck;

import dev.allocator.api.BaseAllocator;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes the allocator's metadata fail to grow, and checks that the call that failed changed nothing: runs
 * {@link MetadataFailureRun} in a forked JVM with a 32 MiB heap and reads its verdicts.
 *
 * <p>Why a forked JVM with a heap limit rather than a hook in the provider: it works on any allocator, ours and a
 * third party's, as it is, with no test-only seam in its main code; and it fails the way production fails (an
 * {@link OutOfMemoryError} from an array that cannot grow), wherever the allocator allocates. Filling the heap of
 * the test JVM itself could make Surefire's own threads fail; a child JVM of 32 MiB is filled in milliseconds and
 * costs a second or two per contract.
 *
 * <p>The child creates the allocator by provider name ({@link ContractSettings#providerName()}) or, failing that,
 * through the public no-argument constructor of {@code newAllocator()}'s class, after checking here that such an
 * allocator answers a probe exactly as {@code newAllocator()}'s does. Classes the test JVM patched into a module
 * (test classes) are patched into the child's too.
 */
final class MetadataFailureCheck {
    /** The child's heap. */
    static final String HEAP = "-Xmx32m";
    /** How long the child may take. */
    private static final long TIMEOUT_SECONDS = 180;

    private MetadataFailureCheck() {
    }

    static void run(AllocatorContract contract, Subject sample) {
        ContractSettings settings = contract.effectiveSettings();
        Assumptions.assumeTrue(settings.deterministic(), "the check compares the allocator with a replayed twin: "
                + "deterministic allocators only");
        Class<?> type = sample.allocator().getClass();
        Assumptions.assumeTrue(onThisJvmsPath(type), () -> type.getName() + " was loaded at run time (a plugin layer "
                + "or class loader), which a forked JVM's module path and class path do not hold: run the contract with "
                + "its jar on the path to check failure atomicity");
        List<String> factory = factoryArguments(contract, settings, sample);
        List<String> command = command(sample.allocator().getClass(), factory);
        String output = runChild(command);
        List<String> failures = new ArrayList<>();
        int tested = 0;
        for (String line : output.split("\n")) {
            if (!line.startsWith("SCENARIO ")) {
                continue;
            }
            String[] parts = line.split(" ", 4);
            String verdict = parts[2];
            String detail = parts.length > 3 ? parts[3].replace('\u2028', '\n') : "";
            if (verdict.equals("OK")) {
                tested++;
            } else if (verdict.equals("CHANGED") || verdict.equals("BROKEN")) {
                failures.add(parts[1] + ": " + detail);
            }
        }
        String rerun = "\n  rerun by hand: " + String.join(" ", command);
        if (!failures.isEmpty()) {
            boolean changed = output.contains(" CHANGED ");
            throw new ContractViolation(changed ? "failed-call-changed-state" : "unexpected-exception",
                    "with its metadata unable to grow (" + HEAP + ", heap filled), " + contract.label() + " broke:\n  "
                            + String.join("\n  ", failures) + rerun);
        }
        if (!output.contains("SCENARIO ")) {
            throw new ContractViolation("unexpected-exception", "the forked JVM gave no verdict:\n" + output
                    + rerun);
        }
        Assumptions.assumeTrue(tested > 0, () -> "no call of " + contract.label() + " failed for want of heap (its "
                + "metadata never grew), so there was nothing to check:\n" + output);
    }

    /** Whether a JVM started with this JVM's module path and class path can load {@code type}. */
    static boolean onThisJvmsPath(Class<?> type) {
        Module module = type.getModule();
        return module.isNamed() ? module.getLayer() == ModuleLayer.boot()
                : type.getClassLoader() == ClassLoader.getSystemClassLoader();
    }

    /** How the child creates the allocator: by provider name, or by the class's no-argument constructor. */
    private static List<String> factoryArguments(AllocatorContract contract, ContractSettings settings,
                                                 Subject sample) {
        List<String> arguments = new ArrayList<>();
        if (settings.providerName() != null) {
            arguments.add("provider");
            arguments.add(sample.kind().name());
            arguments.add(settings.providerName());
            for (Map.Entry<String, String> option : settings.options().asMap().entrySet()) {
                arguments.add(option.getKey() + "=" + option.getValue());
            }
            return arguments;
        }
        Class<?> type = sample.allocator().getClass();
        Constructor<?> constructor = null;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            // no public no-argument constructor: abort below
        }
        boolean usable = constructor != null && Modifier.isPublic(type.getModifiers())
                && type.getModule().isExported(type.getPackageName());
        Assumptions.assumeTrue(usable, () -> type.getName() + " has no public no-argument constructor in an exported "
                + "package, so a forked JVM cannot create it: set ContractSettings.withProviderName(name)");
        String ours = probeOf(contract.newSubject());
        String theirs;
        try {
            theirs = probeOf(MetadataFailureRun.subjectOf((BaseAllocator) constructor.newInstance()));
        } catch (ReflectiveOperationException e) {
            throw new ContractViolation("unexpected-exception", "new " + type.getName() + "() threw " + e, e);
        }
        Assumptions.assumeTrue(ours.equals(theirs), () -> "new " + type.getName() + "() answers a probe otherwise "
                + "than newAllocator() (other options?), so a forked JVM cannot create the allocator under test: set "
                + "ContractSettings.withProviderName(name) and withOptions(..)\n  newAllocator(): " + ours
                + "\n  new " + type.getSimpleName() + "(): " + theirs);
        arguments.add("class");
        arguments.add(type.getName());
        return arguments;
    }

    private static String probeOf(Subject subject) {
        subject.init(0, 4096 * subject.unit());
        return Probe.run(subject, true);
    }

    /** The java command of the child: this JVM's binary, its module path or class path, a small heap. */
    private static List<String> command(Class<?> allocatorType, List<String> factory) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add(HEAP);
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Xshare:auto");
        String modulePath = System.getProperty("jdk.module.path");
        String classPath = System.getProperty("java.class.path");
        Module tck = MetadataFailureCheck.class.getModule();
        if (tck.isNamed() && modulePath != null) {
            command.add("--module-path");
            command.add(modulePath);
            patchIfOffThePath(command, tck, MetadataFailureCheck.class, modulePath);
            Module module = allocatorType.getModule();
            if (module.isNamed() && module != tck) {
                command.add("--add-modules");
                command.add(module.getName());
                patchIfOffThePath(command, module, allocatorType, modulePath);
            } else if (module == tck) {
                patchIfOffThePath(command, tck, allocatorType, modulePath);
            }
            if (classPath != null && !classPath.isEmpty()) {
                command.add("--class-path");
                command.add(classPath);
            }
            command.add("-m");
            command.add(tck.getName() + "/" + MetadataFailureRun.class.getName());
        } else {
            command.add("--class-path");
            command.add(classPath);
            command.add(MetadataFailureRun.class.getName());
        }
        command.addAll(factory);
        return command;
    }

    /** Adds {@code --patch-module} for a class that the test JVM loaded from outside the module path (test classes). */
    private static void patchIfOffThePath(List<String> command, Module module, Class<?> type, String modulePath) {
        String location = locationOf(type);
        if (location == null) {
            return;
        }
        for (String entry : modulePath.split(File.pathSeparator)) {
            if (Path.of(entry).toAbsolutePath().normalize().equals(Path.of(location).toAbsolutePath().normalize())) {
                return;
            }
        }
        String patch = "--patch-module=" + module.getName() + "=" + location;
        if (!command.contains(patch)) {
            command.add(patch);
        }
    }

    private static String locationOf(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI()).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Runs the child to its end (or the timeout) and returns what it printed. */
    private static String runChild(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new ContractViolation("unexpected-exception", "cannot start " + command.get(0) + ": " + e, e);
        }
        try (InputStream output = process.getInputStream()) {
            byte[] bytes = readWithin(process, output);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ContractViolation("unexpected-exception", "cannot read the forked JVM's output: " + e, e);
        } finally {
            process.destroyForcibly();
        }
    }

    private static byte[] readWithin(Process process, InputStream output) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (true) {
            if (output.available() > 0) {
                int read = output.read(buffer);
                if (read < 0) {
                    break;
                }
                all.write(buffer, 0, read);
            } else if (!process.isAlive()) {
                int read;
                while ((read = output.read(buffer)) >= 0) {
                    all.write(buffer, 0, read);
                }
                break;
            } else if (System.nanoTime() > deadline) {
                all.write(("\n(killed after " + TIMEOUT_SECONDS + " s)").getBytes(StandardCharsets.UTF_8));
                break;
            } else {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        return all.toByteArray();
    }
}
