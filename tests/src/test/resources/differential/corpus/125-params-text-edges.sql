--! params '' ' ' 'it''s' u'line1\nline2' u'tab\there'
SELECT ?1, length(?1), ?2, ?3, ?4, ?5, length(?4);
--! params u'\u00e9' u'e\u0301' u'\uFEFFbom'
SELECT ?1 = ?2, length(?1), length(?2), hex(?3), length(?3);
