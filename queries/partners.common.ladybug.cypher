MATCH (a:{{a_label}} {id: $a_id})--(c)--(b:{{b_label}} {id: $b_id})
WHERE NOT label(c) IN $hubs
RETURN DISTINCT label(c) AS label, c.id AS id, c.name AS name
ORDER BY label, id
