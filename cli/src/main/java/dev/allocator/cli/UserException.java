package dev.allocator.cli;

/**
 * Bad input from the user (a missing file, a malformed trace line, an unknown allocator, a pool too small): the
 * command prints the message as one line on stderr and exits with code 2.
 */
final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserException(String message) {
        super(message);
    }

    UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
