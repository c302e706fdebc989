package dev.livestorejvm.wasm;

/**
 * Loads and verifies a compiled binary's big classes (~1.5 MB of bytecode: the function groups,
 * the dispatch switch, the machine) on a background thread, while the thread that loads the module
 * builds the module description and Chicory's instance, which takes about as long. Verifying them
 * is ~80 ms of a cold start; on a machine with two cores or more it now overlaps the rest. Only an
 * optimization: a class missing or failing here is loaded (and fails) in the calling thread as before.
 * The classes named here have no static initializers, so loading them early runs none of their code.
 */
final class CompiledClassPreload extends Thread {
    private static final boolean[] started = new boolean[WasmBinary.values().length];

    private final String machine;
    private final ClassLoader loader;

    CompiledClassPreload(Class<?> compiled) {
        super("livestore-jvm compiled class preload");
        setDaemon(true);
        // String.concat, not +: a first `+` of its shape links StringConcatFactory's method handles,
        // several ms in the interpreter (JDK 17 spins their classes at run time), on the loading thread
        this.machine = compiled.getName().concat("Machine");
        this.loader = compiled.getClassLoader();
    }

    /** Starts the preload of {@code compiled}'s classes ({@code WaSqliteDefault}, ...), once per JVM. */
    static void start(WasmBinary binary, Class<?> compiled) {
        synchronized (started) {
            if (started[binary.ordinal()]) return;
            started[binary.ordinal()] = true;
        }
        new CompiledClassPreload(compiled).start();
    }

    @Override
    public void run() {
        preload();
    }

    /** Loads the classes, biggest first; returns how many it found (Chicory's compiler names them). */
    int preload() {
        int groups = numbered(machine.concat("FuncGroup_"));
        if (groups == 0) return 0;
        int found = groups + numbered(machine.concat("Dispatch_"));
        if (load(machine)) found++;
        if (load(machine.concat("MachineCall"))) found++;
        return found;
    }

    private int numbered(String prefix) {
        int n = 0;
        while (load(prefix.concat(Integer.toString(n)))) n++;
        return n;
    }

    private boolean load(String name) {
        try {
            Class.forName(name, true, loader);   // initializing links, and linking verifies
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
