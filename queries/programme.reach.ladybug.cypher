MATCH (g:Programme)
WHERE g.id = $programme OR g.name = $programme OR list_contains(coalesce(g.aliases, CAST([], 'STRING[]')), $programme)
MATCH (n)-[e]-(g)
RETURN DISTINCT label(n) AS label, n.id AS id, n.name AS name, label(e) AS via, g.name AS programme
ORDER BY label, id, via
