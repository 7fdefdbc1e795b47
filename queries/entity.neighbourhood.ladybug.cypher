WITH $types AS types
MATCH p = (a:{{label}} {id: $id})-[e*1..{{hops}} (r, n | WHERE NOT label(n) IN $hubs)]-(b)
WHERE b.id <> a.id
  AND (size(types) = 0 OR label(b) IN types)
WITH b, min(length(p)) AS distance
RETURN label(b) AS label, b.id AS id, b.name AS name, distance
ORDER BY distance, label, id
LIMIT 2000
