package dev.cell.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Closed-loop HTTP/1.1 load generator for Cell's token, authorization and introspection endpoints (HTTP Basic client
 * authentication). N keep-alive connections, one thread each, a warm-up phase and then a measured phase of fixed
 * length; every answer must be the one the scenario expects.
 *
 * <pre>
 * java -jar cell-bench.jar TOKEN_URL CLIENT_ID CLIENT_SECRET [CONNECTIONS=64] [WARMUP_S=10] [DURATION_S=20] [options]
 *   --scenario=NAME      what each connection repeats (default client_credentials):
 *                        client_credentials  one token request (--body, --expect)
 *                        client_credentials_dpop  the same with a fresh DPoP proof (RFC 9449) each time
 *                        refresh             sign in once, then trade the refresh token for a new pair, again and again
 *                        introspect          get one access token (--body), then introspect it (expects "active":true)
 *                        code                sign in once, then authorization request with the session cookie and
 *                                            code redemption (two requests per iteration)
 *   --user=NAME --password=PW   the user who signs in (refresh, code); the client must be first-party
 *   --redirect-uri=URI   the client's registered redirect URI (refresh, code; default http://127.0.0.1:9/cb)
 *   --scope=SCOPES       scope of the authorization request (default openid offline_access)
 *   --body=FORM          token request body (default grant_type=client_credentials&amp;scope=read)
 *   --expect=TEXT        text every good body contains (client_credentials; default access_token)
 *   --timeout-ms=N       socket connect/read timeout (default 30000)
 *   --threads=virtual|platform   one thread per connection (default virtual)
 *   --carriers=N         carrier threads of the virtual threads (default 1: the connections share one core like
 *                        wrk's event loop, which keeps the generator cheap and its own scheduling delays out of the
 *                        latencies; 64 platform threads on a busy 2-core box add client-side delays of 100+ ms)
 *   --server-pid=PID     also report the server's CPU per request over the measured phase and its VmRSS after
 *   --clk-tck=N          clock ticks per second of /proc/PID/stat (default 100, `getconf CLK_TCK`)
 * </pre>
 * The authorization and introspection endpoints are found next to the token endpoint ({@code authorize},
 * {@code introspect}). Prints a readable block and one machine-readable line starting with {@code RESULT}. Exits 0
 * when every iteration (warm-up included) succeeded, 3 when any failed, 4 when the set-up failed, 2 on bad arguments.
 */
public final class LoadGenerator {
    private LoadGenerator() {}

    public static void main(String[] args) throws Exception {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println("usage: LoadGenerator URL CLIENT_ID CLIENT_SECRET [CONNECTIONS] [WARMUP_S] [DURATION_S]"
                    + " [--scenario=client_credentials|client_credentials_dpop|refresh|introspect|code] [--user=NAME] [--password=PW]"
                    + " [--redirect-uri=URI] [--scope=SCOPES]"
                    + " [--body=FORM] [--expect=TEXT] [--timeout-ms=N] [--threads=virtual|platform] [--carriers=N]"
                    + " [--server-pid=PID] [--clk-tck=N]");
            System.exit(2);
            return;
        }
        Result r;
        try {
            r = run(o);
        } catch (IOException e) {
            System.err.println("error: set-up failed: " + e.getMessage());
            System.exit(4);
            return;
        }
        System.out.print(r.report(o));
        System.out.flush();
        System.exit(r.allGood() ? 0 : 3);
    }

    static Result run(Options o) throws IOException, InterruptedException {
        if (o.virtualThreads && System.getProperty("jdk.virtualThreadScheduler.parallelism") == null) {
            // read when the first virtual thread is created
            System.setProperty("jdk.virtualThreadScheduler.parallelism", Integer.toString(o.carriers));
        }
        InetSocketAddress address = new InetSocketAddress(o.url.getHost(), RawRequest.port(o.url));
        List<Scenario.Iteration> iterations = begin(scenario(o), o.connections);

        long start = System.nanoTime();
        long measureStart = start + (long) (o.warmupSeconds * 1e9);
        long end = measureStart + (long) (o.durationSeconds * 1e9);

        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < o.connections; i++) {
            Worker w = new Worker(address, o.timeoutMillis, iterations.get(i), measureStart, end);
            workers.add(w);
            Thread t = o.virtualThreads
                    ? Thread.ofVirtual().name("load-" + i).unstarted(w)
                    : Thread.ofPlatform().name("load-" + i).daemon(true).stackSize(256 * 1024).unstarted(w);
            threads.add(t);
        }
        threads.forEach(Thread::start);

        sleepUntil(measureStart);
        long srvTicks0 = o.serverPid > 0 ? serverTicks(o.serverPid) : -1;
        long genCpu0 = processCpuNanos();
        long busy0 = machineBusyTicks();
        sleepUntil(end);
        long srvTicks1 = o.serverPid > 0 ? serverTicks(o.serverPid) : -1;
        long genCpu1 = processCpuNanos();
        long busy1 = machineBusyTicks();

        // every thread stops by itself at the end; a request still in flight may take up to the socket timeout
        long joinDeadline = end + o.timeoutMillis * 1_000_000L + 2_000_000_000L;
        boolean stuck = false;
        for (Thread t : threads) {
            long left = joinDeadline - System.nanoTime();
            if (left > 0) {
                t.join(Math.max(1, left / 1_000_000));
            }
            stuck |= t.isAlive();
        }

        Result r = new Result();
        r.stuck = stuck;
        for (Worker w : workers) {
            r.histogram.add(w.histogram);
            r.ok += w.ok;
            r.non200 += w.non200;
            r.badBody += w.badBody;
            r.socketErrors += w.socketErrors;
            r.timeouts += w.timeouts;
            r.warmupOk += w.warmupOk;
            r.warmupFailed += w.warmupFailed;
            if (r.firstFailure.isEmpty()) {
                r.firstFailure = w.firstFailure;
            }
        }
        r.seconds = o.durationSeconds;
        if (o.serverPid > 0 && srvTicks0 >= 0 && srvTicks1 >= 0) {
            r.serverCpuSeconds = (srvTicks1 - srvTicks0) / (double) o.clkTck;
            r.serverRssMb = serverRssMb(o.serverPid);
        }
        if (genCpu0 >= 0 && genCpu1 >= 0) {
            r.generatorCpuSeconds = (genCpu1 - genCpu0) / 1e9;
        }
        if (busy0 >= 0 && busy1 >= 0) {
            r.machineBusySeconds = (busy1 - busy0) / (double) o.clkTck;
        }
        return r;
    }

    static Scenario scenario(Options o) {
        return switch (o.scenario) {
            case "client_credentials" -> new ClientCredentialsScenario(
                    RawRequest.post(o.url, RawRequest.basic(o.clientId, o.clientSecret), o.body), o.expect);
            case "client_credentials_dpop" -> new DPoPClientCredentialsScenario(o.url, RawRequest.basic(o.clientId, o.clientSecret), o.body);
            case "refresh" -> new RefreshScenario(setupClient(o));
            case "introspect" -> new IntrospectionScenario(setupClient(o), o.body);
            case "code" -> new CodeExchangeScenario(setupClient(o));
            default -> throw new IllegalArgumentException("unknown scenario " + o.scenario);
        };
    }

    private static SetupClient setupClient(Options o) {
        return new SetupClient(o.url, o.clientId, o.clientSecret, o.redirectUri, o.scope, o.user, o.password, o.timeoutMillis);
    }

    /** Every connection's set-up, four at a time (sign-ins cost the server an Argon2id hash each). */
    private static List<Scenario.Iteration> begin(Scenario scenario, int connections) throws IOException, InterruptedException {
        try (ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, connections))) {
            List<Future<Scenario.Iteration>> started = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                started.add(pool.submit(scenario::begin));
            }
            List<Scenario.Iteration> iterations = new ArrayList<>();
            for (Future<Scenario.Iteration> f : started) {
                try {
                    iterations.add(f.get());
                } catch (ExecutionException e) {
                    pool.shutdownNow();
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
            }
            return iterations;
        }
    }

    private static void sleepUntil(long deadline) throws InterruptedException {
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
            Thread.sleep(Math.max(1, Math.min(left / 1_000_000, 1000)));
        }
    }

    /** utime + stime of all threads of the process, in clock ticks (fields 14 and 15 of /proc/PID/stat). */
    static long serverTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);      // fields 14, 15 counting from pid = 1
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Non-idle time of all CPUs in clock ticks, from the first line of /proc/stat (user .. steal). */
    static long machineBusyTicks() {
        try {
            String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
            String[] f = cpu.trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                if (i != 4 && i != 5) {        // skip idle and iowait
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static double serverRssMb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // reported as unknown
        }
        return -1;
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** Command-line options. */
    static final class Options {
        URI url;
        String clientId;
        String clientSecret;
        int connections = 64;
        double warmupSeconds = 10;
        double durationSeconds = 20;
        String scenario = "client_credentials";
        String user = "";
        String password = "";
        String redirectUri = "http://127.0.0.1:9/cb";
        String scope = "openid offline_access";
        String body = "grant_type=client_credentials&scope=read";
        String expect = "access_token";
        int timeoutMillis = 30_000;
        boolean virtualThreads = true;
        int carriers = 1;
        long serverPid = -1;
        int clkTck = 100;

        static Options parse(String[] args) {
            Options o = new Options();
            List<String> positional = new ArrayList<>();
            for (String a : args) {
                if (!a.startsWith("--")) {
                    positional.add(a);
                    continue;
                }
                int eq = a.indexOf('=');
                if (eq < 0) {
                    throw new IllegalArgumentException("option needs a value: " + a);
                }
                String name = a.substring(2, eq);
                String value = a.substring(eq + 1);
                switch (name) {
                    case "scenario" -> o.scenario = switch (value) {
                        case "client_credentials", "client_credentials_dpop", "refresh", "introspect", "code" -> value;
                        default -> throw new IllegalArgumentException(
                                "--scenario is client_credentials, client_credentials_dpop, refresh, introspect or code");
                    };
                    case "user" -> o.user = value;
                    case "password" -> o.password = value;
                    case "redirect-uri" -> o.redirectUri = value;
                    case "scope" -> o.scope = value;
                    case "body" -> o.body = value;
                    case "expect" -> o.expect = value;
                    case "timeout-ms" -> o.timeoutMillis = positiveInt(name, value);
                    case "threads" -> o.virtualThreads = switch (value) {
                        case "virtual" -> true;
                        case "platform" -> false;
                        default -> throw new IllegalArgumentException("--threads is platform or virtual");
                    };
                    case "carriers" -> o.carriers = positiveInt(name, value);
                    case "server-pid" -> o.serverPid = positiveInt(name, value);
                    case "clk-tck" -> o.clkTck = positiveInt(name, value);
                    default -> throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            if (positional.size() < 3 || positional.size() > 6) {
                throw new IllegalArgumentException("expected URL CLIENT_ID CLIENT_SECRET and up to three numbers");
            }
            o.url = URI.create(positional.get(0));
            if (!"http".equals(o.url.getScheme()) || o.url.getHost() == null) {
                throw new IllegalArgumentException("URL must be http://host:port/path (plain HTTP only)");
            }
            o.clientId = positional.get(1);
            o.clientSecret = positional.get(2);
            if (positional.size() > 3) {
                o.connections = positiveInt("connections", positional.get(3));
            }
            if (positional.size() > 4) {
                o.warmupSeconds = seconds("warm-up", positional.get(4), true);
            }
            if (positional.size() > 5) {
                o.durationSeconds = seconds("duration", positional.get(5), false);
            }
            if ((o.scenario.equals("refresh") || o.scenario.equals("code")) && o.user.isEmpty()) {
                throw new IllegalArgumentException("--scenario=" + o.scenario + " needs --user and --password");
            }
            return o;
        }

        private static int positiveInt(String what, String v) {
            try {
                int n = Integer.parseInt(v);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(what + " must be a positive integer: " + v);
        }

        private static double seconds(String what, String v, boolean zeroAllowed) {
            try {
                double d = Double.parseDouble(v);
                if (d > 0 || (zeroAllowed && d == 0)) {
                    return d;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new IllegalArgumentException(what + " seconds must be a number > 0: " + v);
        }
    }

    /** Totals of one run. */
    static final class Result {
        final LatencyHistogram histogram = new LatencyHistogram();
        long ok;
        long non200;
        long badBody;
        long socketErrors;
        long timeouts;
        long warmupOk;
        long warmupFailed;
        String firstFailure = "";
        boolean stuck;
        double seconds;
        double serverCpuSeconds = -1;
        double serverRssMb = -1;
        double generatorCpuSeconds = -1;
        double machineBusySeconds = -1;

        long requests() {
            return histogram.count();
        }

        long failed() {
            return non200 + badBody + socketErrors + timeouts;
        }

        boolean allGood() {
            return ok > 0 && failed() == 0 && warmupFailed == 0 && !stuck;
        }

        String report(Options o) {
            StringBuilder s = new StringBuilder();
            double rps = requests() / seconds;
            double tps = ok / seconds;
            s.append(String.format(Locale.ROOT, "target:     %s (%s) scenario=%s connections=%d warm-up=%ss measured=%ss threads=%s%n",
                    o.url, o.clientId, o.scenario, o.connections, num(o.warmupSeconds), num(o.durationSeconds),
                    o.virtualThreads ? "virtual on " + System.getProperty("jdk.virtualThreadScheduler.parallelism",
                            "default") + " carrier(s)" : "platform"));
            s.append(String.format(Locale.ROOT, "warm-up:    ok=%d failed=%d%n", warmupOk, warmupFailed));
            s.append(String.format(Locale.ROOT,
                    "measured:   requests=%d ok=%d non200=%d bad_body=%d socket_errors=%d timeouts=%d%s%n",
                    requests(), ok, non200, badBody, socketErrors, timeouts, stuck ? " (some connections stuck)" : ""));
            if (!firstFailure.isEmpty()) {
                s.append("first failure: ").append(firstFailure).append('\n');
            }
            s.append(String.format(Locale.ROOT, "throughput: %.1f good iterations/s (%.1f iterations/s)%n", tps, rps));
            s.append(String.format(Locale.ROOT,
                    "latency ms: p50=%s p90=%s p99=%s p99.9=%s max=%s mean=%s%n",
                    ms(histogram.valueAt(50)), ms(histogram.valueAt(90)), ms(histogram.valueAt(99)),
                    ms(histogram.valueAt(99.9)), ms(histogram.max()), ms((long) histogram.mean())));
            String srvCpuMs = serverCpuSeconds >= 0 && requests() > 0
                    ? String.format(Locale.ROOT, "%.3f", serverCpuSeconds * 1000 / requests()) : "-";
            String srvCores = serverCpuSeconds >= 0 ? String.format(Locale.ROOT, "%.2f", serverCpuSeconds / seconds) : "-";
            String rss = serverRssMb >= 0 ? String.format(Locale.ROOT, "%.0f", serverRssMb) : "-";
            String genCores = generatorCpuSeconds >= 0
                    ? String.format(Locale.ROOT, "%.2f", generatorCpuSeconds / seconds) : "-";
            if (serverCpuSeconds >= 0) {
                s.append(String.format(Locale.ROOT, "server:     cpu_ms_per_iteration=%s cpu_cores=%s rss_mb=%s%n",
                        srvCpuMs, srvCores, rss));
            }
            String others = "-";
            if (machineBusySeconds >= 0 && generatorCpuSeconds >= 0) {
                double other = machineBusySeconds - generatorCpuSeconds - Math.max(0, serverCpuSeconds);
                others = String.format(Locale.ROOT, "%.2f", Math.max(0, other) / seconds);
            }
            s.append(String.format(Locale.ROOT, "generator:  cpu_cores=%s%n", genCores));
            s.append(String.format(Locale.ROOT, "machine:    %s CPUs busy, of which %s outside server and generator"
                            + " (other processes, kernel threads)%n",
                    machineBusySeconds >= 0 ? String.format(Locale.ROOT, "%.2f", machineBusySeconds / seconds) : "-",
                    others));
            s.append(String.format(Locale.ROOT,
                    "RESULT scenario=%s rps=%.1f tokens_per_s=%.1f p50_ms=%s p90_ms=%s p99_ms=%s p999_ms=%s max_ms=%s"
                            + " requests=%d ok=%d non200=%d bad=%d sockerr=%d timeouts=%d warmup_ok=%d warmup_failed=%d"
                            + " srv_cpu_ms_per_req=%s srv_cpu_cores=%s srv_rss_mb=%s gen_cpu_cores=%s other_cpu_cores=%s%n",
                    o.scenario, rps, tps, ms(histogram.valueAt(50)), ms(histogram.valueAt(90)), ms(histogram.valueAt(99)),
                    ms(histogram.valueAt(99.9)), ms(histogram.max()), requests(), ok, non200, badBody, socketErrors,
                    timeouts, warmupOk, warmupFailed, srvCpuMs, srvCores, rss, genCores, others));
            return s.toString();
        }

        private static String ms(long micros) {
            return String.format(Locale.ROOT, "%.2f", micros / 1000.0);
        }

        private static String num(double d) {
            return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
        }
    }
}
