package dev.livestorejvm.store.synccf;

/** Frames in log lines: the start and the end of long ones. */
final class FrameText {
    private static final int KEEP = 300;

    private FrameText() {}

    static String shorten(String frame) {
        if (frame == null) return "null";
        if (frame.length() <= 2 * KEEP) return frame;
        return frame.substring(0, KEEP) + " …(" + (frame.length() - 2 * KEEP) + " characters)… " + frame.substring(frame.length() - KEEP);
    }
}
