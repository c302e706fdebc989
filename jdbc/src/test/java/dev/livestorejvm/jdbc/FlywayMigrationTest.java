package dev.livestorejvm.jdbc;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flyway, unchanged: it picks its SQLite support from DatabaseMetaData's product name ("SQLite")
 * when given a DataSource (its URL-based lookup knows only {@code jdbc:sqlite:}, so
 * {@code Flyway.configure().dataSource(url, user, password)} with this driver's URL is not the way).
 */
class FlywayMigrationTest {
    @TempDir
    Path dir;

    @Test
    void migratesValidatesAndRerunsIncludingARepeatableMigration() throws Exception {
        Path migrations = Files.createDirectories(dir.resolve("db/migration"));
        Files.writeString(migrations.resolve("V1__create.sql"),
            "create table customer(id integer primary key autoincrement, name text not null, email text);\n"
            + "create unique index customer_email on customer(email);\n");
        Files.writeString(migrations.resolve("V2__data.sql"),
            "insert into customer(name, email) values ('Ada', 'ada@example.org');\n"
            + "insert into customer(name, email) values ('Linus', 'linus@example.org');\n"
            + "create trigger customer_name_upper after insert on customer begin\n"
            + "  update customer set name = upper(name) where id = new.id;\n"
            + "end;\n");
        Files.writeString(migrations.resolve("R__view.sql"),
            "drop view if exists customer_names;\ncreate view customer_names as select name from customer order by name;\n");
        SqliteDataSource ds = new SqliteDataSource("jdbc:livestore-sqlite:" + dir.resolve("app.db"));
        Flyway flyway = Flyway.configure().dataSource(ds).locations("filesystem:" + migrations).load();

        MigrateResult first = flyway.migrate();
        assertTrue(first.success);
        assertEquals(3, first.migrationsExecuted);
        flyway.validate();
        assertEquals(0, flyway.migrate().migrationsExecuted, "nothing new: nothing runs");

        Files.writeString(migrations.resolve("V3__more.sql"), "alter table customer add column age int;\n"
            + "insert into customer(name, email, age) values ('grace', 'grace@example.org', 85);\n");
        Files.writeString(migrations.resolve("R__view.sql"),
            "drop view if exists customer_names;\ncreate view customer_names as select name, age from customer order by name;\n");
        MigrateResult second = flyway.migrate();
        assertEquals(2, second.migrationsExecuted, "V3 and the changed repeatable migration");
        flyway.validate();

        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement().executeQuery("select name, age from customer_names")) {
            assertTrue(rs.next());
            assertEquals("Ada", rs.getString(1));
            assertTrue(rs.next());
            assertEquals("GRACE", rs.getString(1), "the trigger from V2 ran on V3's insert");
            assertEquals(85, rs.getInt(2));
            assertTrue(rs.next());
            assertFalse(rs.next());
        }
        try (Connection c = ds.getConnection(); ResultSet rs = c.createStatement()
            .executeQuery("select count(*) from flyway_schema_history where success = 1")) {
            rs.next();
            assertEquals(5, rs.getInt(1));
        }
    }
}
