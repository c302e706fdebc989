package dev.livestorejvm.server;

/**
 * The metrics in Prometheus' text exposition format: the form every common scraper (Prometheus,
 * VictoriaMetrics, Grafana Agent, OpenTelemetry's collector) reads, with no library needed. Rates such
 * as events/s are the scraper's {@code rate()} of the counters.
 */
final class PrometheusText {
    private PrometheusText() {}

    static String of(ServerMetrics m) {
        StringBuilder b = new StringBuilder();
        gauge(b, "livestore_sync_connections", "Open client connections (WebSocket, and HTTP requests in progress).", m.openConnections());
        counter(b, "livestore_sync_connections_total", "Connections accepted.", m.connectionsTotal());
        counter(b, "livestore_sync_pushes_total", "Pushes accepted.", m.acceptedPushes());
        counter(b, "livestore_sync_pushes_rejected_total", "Pushes rejected (ServerAheadError, BackendIdMismatchError).", m.rejectedPushes());
        counter(b, "livestore_sync_events_accepted_total", "Events accepted.", m.eventsAccepted());
        counter(b, "livestore_sync_events_pulled_total", "Events sent in history pulls.", m.eventsPulled());
        counter(b, "livestore_sync_bad_frames_total", "Frames refused as malformed or over a limit.", m.badFrames());
        counter(b, "livestore_sync_denied_total", "Requests the authorizer denied.", m.deniedRequests());
        return b.toString();
    }

    private static void counter(StringBuilder b, String name, String help, long v) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" counter\n").append(name).append(' ').append(v).append('\n');
    }

    private static void gauge(StringBuilder b, String name, String help, long v) {
        b.append("# HELP ").append(name).append(' ').append(help).append('\n');
        b.append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(v).append('\n');
    }
}
