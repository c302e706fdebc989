package dev.livestorejvm.store.synccf;

import dev.livestorejvm.protocol.ExitResult;
import dev.livestorejvm.protocol.SyncError;

/** An RPC {@code Exit} as the client's result types. */
final class Exits {
    private Exits() {}

    static PushResult push(ExitResult exit) {
        if (exit instanceof ExitResult.Success) return PushResult.OK;
        if (exit instanceof ExitResult.Failure f) {
            SyncError e = f.error();
            if (e instanceof SyncError.ServerAheadError s) return new PushResult.ServerAhead(s.minimumExpectedNum(), s.providedNum());
            if (e instanceof SyncError.BackendIdMismatchError b) return new PushResult.BackendIdMismatch(b.expected(), b.received());
            if (e instanceof SyncError.UnknownError u) return new PushResult.Unknown(u.note().orElse(u.cause().json()));
        }
        if (exit instanceof ExitResult.Die d) return new PushResult.Unknown("server defect: " + d.defect().json());
        return new PushResult.Unknown("unexpected exit " + exit);
    }

    /** A failed pull's error; null for success. */
    static PullError pullFailure(ExitResult exit) {
        if (exit instanceof ExitResult.Success) return null;
        if (exit instanceof ExitResult.Failure f) {
            SyncError e = f.error();
            if (e instanceof SyncError.BackendIdMismatchError b) return new PullError.BackendIdMismatch(b.expected(), b.received());
            if (e instanceof SyncError.UnknownError u) return new PullError.Unknown(u.note().orElse(u.cause().json()));
            return new PullError.Unknown("pull failed with " + e);
        }
        if (exit instanceof ExitResult.Die d) return new PullError.Unknown("server defect: " + d.defect().json());
        return new PullError.Unknown("unexpected exit " + exit);
    }
}
