package dev.livestorejvm.protocol;

/** Whether more events follow a pull chunk: {@code MoreKnown(remaining)}, {@code MoreUnknown}, {@code NoMore}. */
public sealed interface PageInfo {
    PageInfo NO_MORE = new NoMore();
    PageInfo MORE_UNKNOWN = new MoreUnknown();

    /** {@code remaining} counts the events after this chunk. */
    record MoreKnown(long remaining) implements PageInfo {}

    record MoreUnknown() implements PageInfo {}

    record NoMore() implements PageInfo {}
}
