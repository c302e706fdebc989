package dev.livestorejvm.protocol;

/** The RPC group that prefixes a request's tag: {@code SyncWsRpc.Pull} over WebSocket, {@code SyncHttpRpc.Pull} over HTTP. */
public enum RpcGroup {
    WS("SyncWsRpc"),
    HTTP("SyncHttpRpc");

    private final String prefix;

    RpcGroup(String prefix) {
        this.prefix = prefix;
    }

    public String prefix() {
        return prefix;
    }

    public String tag(SyncRequest request) {
        return prefix + "." + request.rpcName();
    }
}
