package dev.livestorejvm.jdbc;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.LocalDate;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jOOQ 3.19, unchanged, with SQLDialect.SQLITE: DDL, typed inserts with returned keys, batches, queries, transactions. */
class JooqTest {
    @TempDir
    Path dir;

    static final Table<Record> BOOK = table(name("book"));
    static final Field<Long> ID = field(name("id"), SQLDataType.BIGINT.identity(true));
    static final Field<String> TITLE = field(name("title"), SQLDataType.VARCHAR(200).nullable(false));
    static final Field<BigDecimal> PRICE = field(name("price"), SQLDataType.DECIMAL(10, 2));
    static final Field<LocalDate> PUBLISHED = field(name("published"), SQLDataType.LOCALDATE);

    @Test
    void typedQueriesInsertsWithKeysBatchesAndTransactions() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:livestore-sqlite:" + dir.resolve("jooq.db"))) {
            DSLContext db = DSL.using(c, SQLDialect.SQLITE);
            db.createTable(BOOK).column(ID).column(TITLE).column(PRICE).column(PUBLISHED)
                .constraints(DSL.primaryKey(ID)).execute();

            Long id = db.insertInto(BOOK, TITLE, PRICE, PUBLISHED)
                .values("SICP", new BigDecimal("45.50"), LocalDate.of(1985, 7, 1))
                .returningResult(ID).fetchOne().value1();
            assertEquals(1L, id);

            int[] counts = db.batch(
                db.insertInto(BOOK, TITLE, PRICE, PUBLISHED).values((String) null, (BigDecimal) null, (LocalDate) null))
                .bind("TAOCP", new BigDecimal("199.99"), LocalDate.of(1968, 1, 1))
                .bind("K&R", new BigDecimal("30.00"), LocalDate.of(1978, 2, 22))
                .execute();
            assertArrayEquals(new int[] {1, 1}, counts);

            List<String> cheap = db.select(TITLE).from(BOOK).where(PRICE.lt(new BigDecimal("50"))).orderBy(PUBLISHED)
                .fetch(TITLE);
            assertEquals(List.of("K&R", "SICP"), cheap);
            Record r = db.select(TITLE, PRICE, PUBLISHED).from(BOOK).where(ID.eq(2L)).fetchOne();
            assertEquals("TAOCP", r.get(TITLE));
            assertEquals(0, new BigDecimal("199.99").compareTo(r.get(PRICE)));
            assertEquals(LocalDate.of(1968, 1, 1), r.get(PUBLISHED));

            db.transaction(cfg -> DSL.using(cfg).update(BOOK).set(PRICE, PRICE.mul(2)).where(ID.eq(1L)).execute());
            assertThrows(IllegalStateException.class, () -> db.transaction(cfg -> {
                DSL.using(cfg).deleteFrom(BOOK).execute();
                throw new IllegalStateException("roll back");
            }));
            assertEquals(3, db.fetchCount(BOOK), "the failed transaction deleted nothing");
            assertEquals(0, new BigDecimal("91.00").compareTo(db.select(PRICE).from(BOOK).where(ID.eq(1L)).fetchOne(PRICE)));
            // nested transaction: a savepoint rolled back, the outer one committed
            db.transaction(outer -> {
                DSL.using(outer).insertInto(BOOK, TITLE).values("outer").execute();
                assertThrows(RuntimeException.class, () -> DSL.using(outer).transaction(inner -> {
                    DSL.using(inner).insertInto(BOOK, TITLE).values("inner").execute();
                    throw new RuntimeException("inner fails");
                }));
            });
            assertEquals(List.of("K&R", "SICP", "TAOCP", "outer"), db.select(TITLE).from(BOOK).orderBy(TITLE).fetch(TITLE));
        }
    }
}
