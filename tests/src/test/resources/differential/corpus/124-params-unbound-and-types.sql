SELECT ?, typeof(?), ? IS NULL;
--! params zeroblob(0) zeroblob(10)
SELECT typeof(?1), length(?1), hex(?2);
--! params 'x'
INSERT INTO nope VALUES (?);
