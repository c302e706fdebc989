package dev.livestorejvm.server.postgres;

import java.util.List;

/** A page of a store's rows and how many rows of the requested range follow it. */
record RowPage(List<EventRow> rows, long remaining) {}
