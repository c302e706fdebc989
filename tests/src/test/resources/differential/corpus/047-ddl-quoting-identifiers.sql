CREATE TABLE "select"("from" INTEGER, [where] TEXT, `group` REAL, "a""b" BLOB);
INSERT INTO "select" VALUES (1, 'w', 2.5, x'01');
SELECT "from", [where], `group`, "a""b" FROM "select";
SELECT * FROM "select" WHERE "from" = 1;
CREATE TABLE "😀"("ü" TEXT);
INSERT INTO "😀" VALUES ('emoji');
SELECT "ü" FROM "😀";
SELECT "nonexistent";
