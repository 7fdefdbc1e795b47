MATCH p = (a:{{from_label}} {id: $from_id})-[e*1..{{max_hops}} (r, n | WHERE NOT label(n) IN $hubs AND (size($rel_types) = 0 OR label(r) IN $rel_types))]-(b:{{to_label}} {id: $to_id})
WHERE is_acyclic(p)
WITH p, length(p) AS hops, list_to_string('|', properties(nodes(p), 'name')) AS order_names, list_to_string('|', properties(nodes(p), 'id')) AS order_ids, list_to_string('|', list_transform(rels(p), x -> label(x))) AS order_types
RETURN hops, list_transform(nodes(p), x -> label(x)) AS path_labels, properties(nodes(p), 'id') AS path_ids,
       properties(nodes(p), 'name') AS path_names, list_transform(rels(p), x -> label(x)) AS path_types
ORDER BY hops, order_names, order_types
LIMIT $k
