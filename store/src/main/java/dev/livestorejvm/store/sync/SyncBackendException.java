package dev.livestorejvm.store.sync;

/**
 * Why a sync backend operation failed, LiveStore's sync errors as Java types. {@link Offline} and
 * {@link Unknown} are transient (retry with backoff); {@link ServerAhead} means pull before pushing
 * again; {@link BackendIdMismatch} means the backend was reset under this store.
 */
public abstract sealed class SyncBackendException extends RuntimeException {
    private SyncBackendException(String message, Throwable cause) {
        super(message, cause);
    }

    /** True if retrying the same operation later may succeed. */
    public abstract boolean isTransient();

    /**
     * A push whose first event does not chain onto the backend's head: the backend has events this
     * client has not pulled yet ({@code minimumExpectedNum} is the backend head, {@code providedNum}
     * the batch's first parent).
     */
    public static final class ServerAhead extends SyncBackendException {
        private final long minimumExpectedNum;
        private final long providedNum;

        public ServerAhead(long minimumExpectedNum, long providedNum) {
            super("ServerAheadError: the backend is at e" + minimumExpectedNum + ", the batch starts after e" + providedNum, null);
            this.minimumExpectedNum = minimumExpectedNum;
            this.providedNum = providedNum;
        }

        public long minimumExpectedNum() {
            return minimumExpectedNum;
        }

        public long providedNum() {
            return providedNum;
        }

        @Override
        public boolean isTransient() {
            return false;
        }
    }

    /** The backend's id differs from the one this store synced with: the backend was reset or replaced. */
    public static final class BackendIdMismatch extends SyncBackendException {
        private final String expected;
        private final String received;

        public BackendIdMismatch(String expected, String received) {
            super("BackendIdMismatchError: the backend is " + expected + ", this store synced with " + received, null);
            this.expected = expected;
            this.received = received;
        }

        /** The backend's current id. */
        public String expected() {
            return expected;
        }

        /** The id this store sent. */
        public String received() {
            return received;
        }

        @Override
        public boolean isTransient() {
            return false;
        }
    }

    /** The backend cannot be reached (LiveStore's {@code IsOfflineError}). */
    public static final class Offline extends SyncBackendException {
        public Offline(String message, Throwable cause) {
            super("offline: " + message, cause);
        }

        @Override
        public boolean isTransient() {
            return true;
        }
    }

    /** Any other failure (LiveStore's {@code UnknownError}), e.g. a refused or malformed request. */
    public static final class Unknown extends SyncBackendException {
        public Unknown(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public boolean isTransient() {
            return true;
        }
    }
}
