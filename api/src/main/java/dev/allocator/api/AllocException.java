package dev.allocator.api;

/**
 * Thrown when an allocator rejects an operation; {@link #error()} says why.
 *
 * <p>The message names the values involved, for example
 * {@code "no memory for 4096 bytes aligned to 64: 1200 bytes available, largest free block 1024"}.
 * The allocator that threw is unchanged.
 */
public class AllocException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why the operation was rejected. */
    private final AllocError error;

    /**
     * Creates an exception of the given kind.
     *
     * @param error   why the operation was rejected
     * @param message what was asked and why it could not be done, naming the values
     * @throws NullPointerException if {@code error} is null
     */
    public AllocException(AllocError error, String message) {
        super(message);
        if (error == null) {
            throw new NullPointerException("error");
        }
        this.error = error;
    }

    /**
     * Returns the kind of error.
     *
     * @return why the operation was rejected, never null
     */
    public AllocError error() {
        return error;
    }

    /**
     * Shorthand for an {@link AllocError#INVALID_PARAM} exception.
     *
     * @param message what was wrong, naming the value
     * @return a new exception, to be thrown by the caller
     */
    public static AllocException invalidParam(String message) {
        return new AllocException(AllocError.INVALID_PARAM, message);
    }

    /**
     * Shorthand for an {@link AllocError#MEMORY_OVERLAP} exception.
     *
     * @param message which regions overlap
     * @return a new exception, to be thrown by the caller
     */
    public static AllocException memoryOverlap(String message) {
        return new AllocException(AllocError.MEMORY_OVERLAP, message);
    }

    /**
     * Shorthand for an {@link AllocError#NO_MEMORY} exception.
     *
     * @param message what was asked and what is left
     * @return a new exception, to be thrown by the caller
     */
    public static AllocException noMemory(String message) {
        return new AllocException(AllocError.NO_MEMORY, message);
    }

    /**
     * Shorthand for an {@link AllocError#NOT_ALLOCATED} exception.
     *
     * @param message which address or id is not a live allocation
     * @return a new exception, to be thrown by the caller
     */
    public static AllocException notAllocated(String message) {
        return new AllocException(AllocError.NOT_ALLOCATED, message);
    }
}
