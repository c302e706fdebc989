--! params u'\U0001F600' u'\U0001D11E clef' u'\U0010FFFF'
SELECT ?1, length(?1), hex(?1), unicode(?1), ?2, length(?2), substr(?2, 1, 1), hex(?3);
SELECT char(128512), char(0x10FFFF), char(0x110000), length('😀😀'), upper('ǆ'), lower('ẞ'), unicode('𝄞');
SELECT substr('a😀b', 2, 1), instr('a😀b', 'b'), replace('😀x😀', '😀', 'y'), trim('😀a😀', '😀'), hex('é');
