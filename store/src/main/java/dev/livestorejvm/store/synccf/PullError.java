package dev.livestorejvm.store.synccf;

/** What can go wrong with a pull. */
public sealed interface PullError {
    /** Whether the pull has ended (no more calls to its listener). */
    boolean terminal();

    /** The server's backendId is not the cursor's: {@code expected} is the server's, {@code received} the client's. Terminal. */
    record BackendIdMismatch(String expected, String received) implements PullError {
        public boolean terminal() {
            return true;
        }
    }

    /**
     * The connection was lost or dropped ({@code reason} says why, e.g. bad input from the server). A live
     * pull continues on the next connection from the caller's resume cursor ({@code terminal} false);
     * a non-live pull ends.
     */
    record ConnectionLost(String reason, boolean terminal) implements PullError {}

    /** The server failed the pull with another error ({@code UnknownError} or a defect). Terminal. */
    record Unknown(String message) implements PullError {
        public boolean terminal() {
            return true;
        }
    }
}
