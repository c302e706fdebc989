--! params 1 2 3
SELECT ?3, ?1, ?2, ?1 + ?3;
--! params 'a' 'b'
SELECT ?2, ?, ?;
--! params 1 2 3
SELECT ?;
SELECT ?, ?5;
SELECT ?32767;
SELECT ?0;
