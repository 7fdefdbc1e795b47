MATCH (n) WHERE label(n) <> 'Clause' AND label(n) <> 'Target' AND label(n) <> 'Document' AND n.name IS NOT NULL
RETURN label(n) AS label, collect([n.id, n.name]) AS items
ORDER BY label
