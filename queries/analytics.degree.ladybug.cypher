MATCH (n)-[]-(m) WHERE id(n) <> id(m)
WITH n, count(DISTINCT id(m)) AS degree
RETURN label(n) AS label, n.id AS id, n.name AS name, degree
ORDER BY degree DESC, label, id
LIMIT $limit
