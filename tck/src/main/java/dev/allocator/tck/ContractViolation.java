package dev.allocator.tck;

/**
 * A failed check of the contract. The message starts with the property in brackets ({@code [overlap] ...}), so a
 * report (and the tck's own tests) can tell which property an allocator broke.
 */
final class ContractViolation extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final String property;

    ContractViolation(String property, String message) {
        super("[" + property + "] " + message);
        this.property = property;
    }

    ContractViolation(String property, String message, Throwable cause) {
        this(property, message);
        initCause(cause);
    }

    /** The property broken, such as {@code overlap}, {@code accounting}, {@code rejected-call-changed-state}. */
    String property() {
        return property;
    }
}
