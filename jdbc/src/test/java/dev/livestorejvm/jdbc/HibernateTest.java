package dev.livestorejvm.jdbc;

import static org.junit.jupiter.api.Assertions.*;

import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Root;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.SessionFactory;
import org.hibernate.cfg.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hibernate ORM 7 with its community SQLite dialect, unchanged: schema created by Hibernate,
 * entities with a one-to-many relation persisted, queried with JPQL and criteria, updated, deleted.
 */
class HibernateTest {
    @TempDir
    Path dir;

    @Entity(name = "Author")
    public static class Author {
        @Id
        @GeneratedValue(strategy = GenerationType.IDENTITY)
        Long id;
        @Column(nullable = false, unique = true)
        String name;
        LocalDate born;
        @OneToMany(mappedBy = "author", cascade = CascadeType.ALL, orphanRemoval = true)
        List<Book> books = new ArrayList<>();

        public Author() {}

        Author(String name, LocalDate born) {
            this.name = name;
            this.born = born;
        }

        Book write(long id, String title, int pages) {
            Book b = new Book();
            b.id = id;
            b.title = title;
            b.pages = pages;
            b.author = this;
            b.added = LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_000_000);
            books.add(b);
            return b;
        }
    }

    @Entity(name = "Book")
    public static class Book {
        // assigned: Hibernate 7.4's SQLite dialect writes this table's identity column without a
        // type ("id," in its DDL, with xerial's driver too), which SQLite does not make a rowid, so
        // its ids stay NULL (Author's identity column is written "id integer" and works)
        @Id
        Long id;
        String title;
        int pages;
        boolean available = true;
        LocalDateTime added;
        @ManyToOne(optional = false)
        Author author;

        public Book() {}
    }

    @Test
    void schemaEntitiesRelationsJpqlCriteriaUpdateDelete() {
        Configuration cfg = new Configuration()
            .addAnnotatedClass(Author.class)
            .addAnnotatedClass(Book.class)
            .setProperty("hibernate.connection.url", "jdbc:livestore-sqlite:" + dir.resolve("orm.db") + "?foreign_keys=true")
            .setProperty("hibernate.dialect", "org.hibernate.community.dialect.SQLiteDialect")
            .setProperty("hibernate.hbm2ddl.auto", "create")
            .setProperty("hibernate.connection.pool_size", "2");
        try (SessionFactory sf = cfg.buildSessionFactory()) {
            sf.inTransaction(s -> {
                Author knuth = new Author("Knuth", LocalDate.of(1938, 1, 10));
                knuth.write(1, "TAOCP 1", 672);
                knuth.write(2, "TAOCP 2", 784);
                Author sicp = new Author("Abelson", LocalDate.of(1947, 7, 1));
                sicp.write(3, "SICP", 657);
                s.persist(knuth);
                s.persist(sicp);
            });
            List<String> titles = sf.fromTransaction(s -> s.createSelectionQuery(
                "select b.title from Book b join b.author a where a.name = :n order by b.pages desc", String.class)
                .setParameter("n", "Knuth").getResultList());
            assertEquals(List.of("TAOCP 2", "TAOCP 1"), titles);

            Author found = sf.fromTransaction(s -> {
                CriteriaBuilder cb = s.getCriteriaBuilder();
                CriteriaQuery<Author> q = cb.createQuery(Author.class);
                Root<Author> a = q.from(Author.class);
                q.select(a).where(cb.lessThan(a.get("born"), LocalDate.of(1940, 1, 1)));
                Author x = s.createQuery(q).getSingleResult();
                assertEquals(2, x.books.size());
                assertEquals(LocalDateTime.of(2024, 5, 6, 7, 8, 9, 123_000_000), x.books.get(0).added);
                return x;
            });
            assertEquals("Knuth", found.name);
            assertEquals(LocalDate.of(1938, 1, 10), found.born);

            int updated = sf.fromTransaction(s -> s.createMutationQuery("update Book set available = false where pages > 700")
                .executeUpdate());
            assertEquals(1, updated);
            long available = sf.fromTransaction(s -> s.createSelectionQuery("select count(b) from Book b where b.available",
                Long.class).getSingleResult());
            assertEquals(2, available);

            // a failing transaction (unique name) rolls back all of its work
            assertThrows(Exception.class, () -> sf.inTransaction(s -> {
                s.persist(new Author("Ritchie", null));
                s.persist(new Author("Knuth", null));
                s.flush();
            }));
            long authors = sf.fromTransaction(s -> s.createSelectionQuery("select count(a) from Author a", Long.class)
                .getSingleResult());
            assertEquals(2, authors);

            sf.inTransaction(s -> {
                Author a = s.createSelectionQuery("from Author where name = 'Knuth'", Author.class).getSingleResult();
                s.remove(a);   // cascades to the books
            });
            long books = sf.fromTransaction(s -> s.createSelectionQuery("select count(b) from Book b", Long.class)
                .getSingleResult());
            assertEquals(1, books);
        }
    }
}
