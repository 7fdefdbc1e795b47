MATCH (n) WHERE label(n) <> 'Clause' AND label(n) <> 'Target' AND label(n) <> 'Document'
RETURN label(n) AS label, n.id AS id, n.name AS name
ORDER BY label, id
