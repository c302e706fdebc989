package dev.livestorejvm.jdbc;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;

/** JDBI 3, unchanged: generated keys, batches, mapping, transactions with rollback. */
class JdbiTest {
    public record Person(long id, String name, int age) {}

    @Test
    void generatedKeysBatchesMappingAndTransactions() {
        Jdbi jdbi = Jdbi.create(new SqliteDataSource("jdbc:livestore-sqlite:file:jdbi?vfs=memory"));
        jdbi.useHandle(h -> {
            h.execute("create table person(id integer primary key, name text not null, age int)");
            long id = h.createUpdate("insert into person(name, age) values (:name, :age)")
                .bind("name", "Alice").bind("age", 30)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            assertEquals(1L, id);
            PreparedBatch batch = h.prepareBatch("insert into person(name, age) values (:name, :age)");
            for (int i = 0; i < 5; i++) batch.bind("name", "p" + i).bind("age", 20 + i).add();
            assertArrayEquals(new int[] {1, 1, 1, 1, 1}, batch.execute());
            List<Person> people = h.createQuery("select id, name, age from person where age > :min order by age")
                .bind("min", 22).map((rs, ctx) -> new Person(rs.getLong("id"), rs.getString("name"), rs.getInt("age"))).list();
            assertEquals(List.of("p3", "p4", "Alice"), people.stream().map(Person::name).toList());
            Map<String, Object> row = h.createQuery("select name, age from person where id = 1").mapToMap().one();
            assertEquals("Alice", row.get("name"));
            assertEquals(30, row.get("age"));
        });
        assertThrows(IllegalStateException.class, () -> jdbi.useTransaction(h -> {
            h.execute("delete from person");
            throw new IllegalStateException("roll back");
        }));
        int n = jdbi.inTransaction(h -> {
            h.execute("update person set age = age + 1");
            return h.createQuery("select count(*) from person where age > 30").mapTo(Integer.class).one();
        });
        assertEquals(1, n);
        int total = jdbi.withHandle(h -> h.createQuery("select count(*) from person").mapTo(Integer.class).one());
        assertEquals(6, total);
    }
}
