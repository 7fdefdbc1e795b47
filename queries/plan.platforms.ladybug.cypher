// Every platform and the tracks a platform serves, in one pattern over both labels, ordered once.
MATCH (n:Platform:Track)
WHERE label(n) = 'Platform' OR EXISTS { MATCH (:Platform)-[:SERVES]->(n) }
RETURN label(n) AS label, n.id AS id
ORDER BY label, id
