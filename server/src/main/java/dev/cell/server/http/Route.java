package dev.cell.server.http;

import io.javalin.http.HandlerType;
import io.javalin.http.Handler;

/** One endpoint: method, path, and the handler; the web server wraps it with errors, headers and metrics. */
public record Route(HandlerType method, String path, Handler handler) {}
