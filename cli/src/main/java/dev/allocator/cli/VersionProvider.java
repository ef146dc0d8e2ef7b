package dev.allocator.cli;

import picocli.CommandLine.IVersionProvider;

/** {@code allocator --version}: the version the build gave the cli module ({@code --module-version}). */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"allocator " + version(VersionProvider.class.getModule())};
    }

    /** The module's version, or {@code (version unknown)} on the class path or for a module built without one. */
    static String version(Module module) {
        if (module.getDescriptor() == null) {
            return "(version unknown)";
        }
        return module.getDescriptor().rawVersion().orElse("(version unknown)");
    }
}
