/**
 * The client side of {@code @livestore/sync-cf} 0.4.0's protocol, independent of the store's types:
 * {@link dev.livestorejvm.store.synccf.SyncCfClient} over WebSocket ({@code transport=ws}) or HTTP
 * ({@code transport=http}), configured by {@link dev.livestorejvm.store.synccf.SyncCfOptions}.
 *
 * <p>Pulls deliver {@link dev.livestorejvm.protocol.PullResponse} pages to a
 * {@link dev.livestorejvm.store.synccf.PullListener}; pushes answer a
 * {@link dev.livestorejvm.store.synccf.PushResult}. Whatever the server sends that breaks the protocol
 * (undecodable frames, unknown tags or request ids, oversized frames, events out of order, duplicated or
 * at/below what the pull has seen) is logged with the frame and never delivered: the client drops the
 * connection, reconnects with backoff and re-issues live pulls from the caller's resume cursor.
 */
package dev.livestorejvm.store.synccf;
