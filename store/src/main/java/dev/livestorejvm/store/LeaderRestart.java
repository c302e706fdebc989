package dev.livestorejvm.store;

/**
 * Heals a store whose leader lost a runtime (a trap, a Java {@code Error} inside SQLite, a bug):
 * the runtime's files and locks were released when it stopped, so the leader is retired (the
 * writer persists what the files can still take), a fresh leader boots from the files on fresh
 * runtimes (with its sync processor, if the store syncs), takes the old one's place in the
 * {@link LeaderRegistry}, and every session moves to it: it reloads its replica from the persisted
 * state and re-runs its subscriptions. Commits accepted but not persisted before the failure are
 * reported as lost, once, by each session's next commit or flush; nothing persisted is lost.
 */
final class LeaderRestart {
    private static final System.Logger LOG = System.getLogger(LeaderRestart.class.getName());

    private LeaderRestart() {}

    /** Runs on a thread of its own, started by the failed leader. */
    static void run(Leader old) {
        LeaderRegistry.Replaced r;
        try {
            r = LeaderRegistry.replace(old);
        } catch (RuntimeException | Error e) {
            LOG.log(System.Logger.Level.ERROR, "the store of " + old.options().storeDirectory() + " could not restart", e);
            old.successor.completeExceptionally(e);
            return;
        }
        if (r == null) {   // closed meanwhile: nothing to restart
            old.successor.completeExceptionally(new StoreException(StoreException.Kind.CLOSED, "store is closed"));
            return;
        }
        Leader fresh = r.fresh();
        if (old.syncPaused()) fresh.pauseSync(true);
        LeaderFailure lost = lost(old, r.acceptedHead(), fresh.head());
        for (SessionEvents s : old.sessions()) {
            try {
                s.restarted(fresh, lost);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "a session of " + old.options().storeDirectory() + " could not move to the restarted leader", e);
            }
        }
        LOG.log(System.Logger.Level.INFO, "the store of " + old.options().storeDirectory() + " restarted from its files at " + fresh.head());
        old.successor.complete(fresh);
    }

    /** The commits the files lack (accepted after the persisted head), as a failure each session reports once; null if none. */
    private static LeaderFailure lost(Leader old, SeqNum accepted, SeqNum persisted) {
        if (accepted.compareTo(persisted) <= 0) return null;
        // tickets 0..0: no commit of the fresh leader has ticket 0, so no flush on it is taken for this loss
        return new LeaderFailure(0, 0, new StoreException(StoreException.Kind.PERSISTENCE_FAILED, "the SQLite runtime of the leader of "
            + old.options().storeDirectory() + " failed (" + old.runtimeFailure().getMessage() + ") before the events after "
            + persisted + " up to " + accepted + " were persisted: they are lost; the store restarted from its files at " + persisted,
            old.runtimeFailure()));
    }
}
