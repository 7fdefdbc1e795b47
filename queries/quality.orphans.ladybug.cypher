// One directed check each way: a little cheaper on LadybugDB than one undirected check.
MATCH (n) WHERE label(n) <> '_Meta' AND NOT EXISTS { MATCH (n)-[]->() } AND NOT EXISTS { MATCH (n)<-[]-() }
RETURN label(n) AS label, n.id AS id, n.name AS name, n.source AS source
ORDER BY label, id
