// One pattern over both labels (LadybugDB reads n:Platform:Track as either), ordered once.
MATCH (:Document)-[:HAS_CLAUSE]->(:Clause)-[:MENTIONS]->(n:Platform:Track)
RETURN DISTINCT label(n) AS label, n.id AS id
ORDER BY label, id
