package kg;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.logging.log4j.Log4jLogProvider;

/**
 * Minimal in-process Neo4j (community) server for development and CI: Bolt only (no HTTP, no TLS),
 * native auth with user {@code neo4j} and a password read from a file, file-URL LOAD CSV disabled.
 *
 * <pre>
 * java -cp 'classes:lib/*' kg.Neo4jLauncher --home DIR --password-file FILE [--port 7687]
 *      [--host 127.0.0.1] [--pagecache 512m] [--tx-memory 0] [--ready-file FILE]
 * </pre>
 *
 * {@code --tx-memory} caps the memory of any one transaction (db.memory.transaction.max; 0, the
 * default, leaves only Neo4j's global cap of 70% of the heap).
 *
 * Environment fallbacks: NEO4J_PORT, NEO4J_HOST, NEO4J_PAGECACHE, NEO4J_TX_MEMORY. Logs go to stdout/stderr (the
 * neo4j-local script redirects them to .kg/neo4j/neo4j.log); the debug log is HOME/logs/debug.log.
 * The ready file (if given) is written once the password has been applied and Bolt is serving, and
 * removed again on shutdown. SIGTERM/SIGINT shut the DBMS down gracefully.
 */
public final class Neo4jLauncher {

    private Neo4jLauncher() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> env = System.getenv();
        Path home = null;
        Path passwordFile = null;
        Path readyFile = null;
        String host = env.getOrDefault("NEO4J_HOST", "127.0.0.1");
        int port = Integer.parseInt(env.getOrDefault("NEO4J_PORT", "7687"));
        String pagecache = env.getOrDefault("NEO4J_PAGECACHE", "512m");
        String txMemory = env.getOrDefault("NEO4J_TX_MEMORY", "0");

        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = (i + 1 < args.length) ? args[i + 1] : null;
            switch (a) {
                case "--home" -> { home = Path.of(require(a, v)); i++; }
                case "--password-file" -> { passwordFile = Path.of(require(a, v)); i++; }
                case "--ready-file" -> { readyFile = Path.of(require(a, v)); i++; }
                case "--host" -> { host = require(a, v); i++; }
                case "--port" -> { port = Integer.parseInt(require(a, v)); i++; }
                case "--pagecache" -> { pagecache = require(a, v); i++; }
                case "--tx-memory" -> { txMemory = require(a, v); i++; }
                case "-h", "--help" -> { usage(System.out); return; }
                default -> die("unknown argument: " + a);
            }
        }
        if (home == null || passwordFile == null) {
            usage(System.err);
            die("--home and --password-file are required");
        }
        home = home.toAbsolutePath().normalize();
        String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
        if (password.length() < 8) {
            die("password in " + passwordFile + " must have at least 8 characters");
        }
        final Path ready = readyFile == null ? null : readyFile.toAbsolutePath().normalize();
        if (ready != null) {
            Files.deleteIfExists(ready);
        }
        Files.createDirectories(home);

        log("starting Neo4j " + neo4jVersion() + " home=" + home + " bolt=" + host + ":" + port);
        long t0 = System.nanoTime();
        SocketAddress bolt = new SocketAddress(host, port);
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, bolt)
                .setConfig(BoltConnector.advertised_address, bolt)
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, true)
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.pagecache_memory, parseBytes(pagecache))
                .setConfig(GraphDatabaseSettings.memory_transaction_max_size, parseBytes(txMemory))
                // The default keeps two days of transaction logs; every test run and benchmark
                // clears and reloads the database (an M bench writes ~1 GB of log), so a
                // development server filled its disk (8.8 GB after one day). Community edition has
                // no online backup or cluster that would read older logs.
                .setConfig(GraphDatabaseSettings.keep_logical_logs, "1G size")
                // The server stops a transaction past its time limit only when its monitor next
                // looks (every 2 s by default), so a 5 ms limit ran 200 ms queries to the end.
                .setConfig(GraphDatabaseSettings.transaction_monitor_check_interval, Duration.ofMillis(5))
                .setUserLogProvider(new Log4jLogProvider(System.out))
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log("shutdown requested, stopping Neo4j ...");
            try {
                if (ready != null) {
                    Files.deleteIfExists(ready);
                }
            } catch (IOException ignored) {
                // best effort
            }
            try {
                dbms.shutdown();
                log("Neo4j stopped");
            } catch (Throwable t) {
                log("error during shutdown: " + t);
            } finally {
                stopped.countDown();
            }
        }, "neo4j-shutdown"));

        try {
            setPassword(dbms, password);
        } catch (RuntimeException e) {
            log("FATAL: could not set the neo4j password: " + e);
            System.exit(1);
        }
        if (ready != null) {
            Files.writeString(ready, ProcessHandle.current().pid() + "\n", StandardCharsets.UTF_8);
        }
        log(String.format(Locale.ROOT, "READY bolt://%s:%d (startup %.1f s)",
                host, port, (System.nanoTime() - t0) / 1e9));
        stopped.await();
    }

    /** Sets the password of the built-in {@code neo4j} user (no-op if it already is that password). */
    private static void setPassword(DatabaseManagementService dbms, String password) {
        String q = "ALTER USER neo4j SET PLAINTEXT PASSWORD $pw CHANGE NOT REQUIRED";
        try {
            dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME).executeTransactionally(q, Map.of("pw", password));
            log("password of user neo4j set from password file");
        } catch (RuntimeException e) {
            String msg = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
            if (msg.contains("old password and new password cannot be the same")) {
                log("password of user neo4j already up to date");
            } else {
                throw e;
            }
        }
    }

    private static long parseBytes(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        char last = t.charAt(t.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            mult = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            t = t.substring(0, t.length() - 1);
        }
        return Long.parseLong(t) * mult;
    }

    private static String neo4jVersion() {
        Package p = DatabaseManagementService.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "5.26.x" : v;
    }

    private static String require(String flag, String value) {
        if (value == null) {
            die("missing value for " + flag);
        }
        return value;
    }

    private static void usage(PrintStream out) {
        out.println("usage: kg.Neo4jLauncher --home DIR --password-file FILE [--port 7687] [--host 127.0.0.1]"
                + " [--pagecache 512m] [--tx-memory 0] [--ready-file FILE]");
    }

    private static void log(String msg) {
        System.out.println(Instant.now() + " [Neo4jLauncher] " + msg);
        System.out.flush();
    }

    private static void die(String msg) {
        System.err.println("Neo4jLauncher: " + msg);
        System.exit(2);
    }
}
