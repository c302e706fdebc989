package dev.livestorejvm.server.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** The fixture gives a real PostgreSQL on loopback only, and two databases do not see each other. */
class PostgresClusterTest {
    @Test
    void realServerOnLoopbackWithSeparateDatabases() throws Exception {
        PostgresCluster cluster = PostgresCluster.shared();
        String a = cluster.createDatabase("cluster_a");
        String b = cluster.createDatabase("cluster_b");
        try (Connection c = DriverManager.getConnection(a); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT current_setting('server_version_num')::int, current_setting('listen_addresses')");
            rs.next();
            assertTrue(rs.getInt(1) >= 160000, "PostgreSQL 16 or later: " + rs.getInt(1));
            assertEquals("127.0.0.1", rs.getString(2));
            s.execute("CREATE TABLE only_in_a(x int)");
        }
        try (Connection c = DriverManager.getConnection(b); Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'only_in_a'");
            rs.next();
            assertEquals(0, rs.getInt(1));
        }
    }
}
