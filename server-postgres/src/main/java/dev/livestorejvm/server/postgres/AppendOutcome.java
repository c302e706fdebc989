package dev.livestorejvm.server.postgres;

/** What one conditional append did: appended (new head), or nothing because the head or the backendId was not what the push assumed. */
sealed interface AppendOutcome {
    record Appended(long head) implements AppendOutcome {}

    /** The batch's parent was not the head: {@code head} is the current one (ServerAheadError's minimumExpectedNum). */
    record HeadMoved(long head) implements AppendOutcome {}

    /** The push named a backendId the store no longer (or never) had. */
    record BackendChanged(String backendId) implements AppendOutcome {}
}
