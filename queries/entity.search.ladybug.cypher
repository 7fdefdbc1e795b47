WITH lower($q) AS q, $types AS types
MATCH (n)
WHERE label(n) <> '_Meta' AND label(n) <> 'Clause' AND label(n) <> 'Target' AND label(n) <> 'Document'
  AND (size(types) = 0 OR label(n) IN types)
  AND (q = '' OR lower(n.name) CONTAINS q OR (n.name_en IS NOT NULL AND n.name_en <> '' AND lower(n.name_en) CONTAINS q)
       OR any(a IN coalesce(n.aliases, CAST([], 'STRING[]')) WHERE lower(a) CONTAINS q))
RETURN label(n) AS label, n.id AS id, n.name AS name, n.aliases AS aliases,
       CASE WHEN lower(n.name) = q OR (q <> '' AND lower(coalesce(n.name_en, '')) = q) THEN 0
            WHEN starts_with(lower(n.name), q) OR (q <> '' AND starts_with(lower(coalesce(n.name_en, '')), q)) THEN 1
            ELSE 2 END AS rank
ORDER BY rank, size(n.name), name, label, id
LIMIT $limit
