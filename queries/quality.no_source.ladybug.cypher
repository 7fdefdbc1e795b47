MATCH (n) WHERE label(n) <> '_Meta' AND (n.source IS NULL OR n.source = '' OR n.confidence IS NULL)
RETURN 'node' AS kind, label(n) AS what, n.id AS id, n.name AS name
UNION ALL
MATCH (a)-[e]->(b) WHERE e.source IS NULL OR e.source = '' OR e.confidence IS NULL
RETURN 'relationship' AS kind, label(e) AS what, a.id + ' -> ' + b.id AS id, a.name + ' -> ' + b.name AS name
