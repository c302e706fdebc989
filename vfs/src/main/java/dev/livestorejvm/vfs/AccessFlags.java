package dev.livestorejvm.vfs;

/** The questions {@link Vfs#access} answers ({@code SQLITE_ACCESS_*}). */
public final class AccessFlags {
    public static final int EXISTS = 0;
    public static final int READWRITE = 1;
    public static final int READ = 2;

    private AccessFlags() {}
}
