package dev.livestorejvm.tests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP proxy that forwards each request to a sync server and keeps it with its answer, one request
 * at a time (so the kept order is the order the server handled them): how {@code recorded/*-http-*.jsonl} was
 * made from real LiveStore clients' {@code makeHttpSync} traffic. A line per exchange: the request's method,
 * target and body, the response's status and body.
 */
final class HttpRecordingProxy implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer http;
    private final HttpClient client = HttpClient.newHttpClient();
    private final URI target;
    private final List<String> lines = new ArrayList<>();

    HttpRecordingProxy(URI target) throws IOException {
        this.target = target;
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", this::forward);
        http.setExecutor(Executors.newSingleThreadExecutor());
        http.start();
    }

    int port() {
        return http.getAddress().getPort();
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    private void forward(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            HttpRequest.Builder out = HttpRequest.newBuilder(target.resolve(ex.getRequestURI().toString()))
                .method(ex.getRequestMethod(), body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            if (type != null) out.header("Content-Type", type);
            HttpResponse<String> in;
            try {
                in = client.send(out.build(), HttpResponse.BodyHandlers.ofString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
            ObjectNode line = JSON.createObjectNode();
            line.put("method", ex.getRequestMethod());
            line.put("target", ex.getRequestURI().toString());
            line.put("body", body);
            line.put("status", in.statusCode());
            line.put("response", in.body());
            synchronized (this) {
                lines.add(JSON.writeValueAsString(line));
            }
            byte[] bytes = in.body().getBytes(StandardCharsets.UTF_8);
            in.headers().firstValue("Content-Type").ifPresent(t -> ex.getResponseHeaders().set("Content-Type", t));
            ex.sendResponseHeaders(in.statusCode(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(bytes);
                }
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        ((java.util.concurrent.ExecutorService) http.getExecutor()).shutdownNow();
    }
}
