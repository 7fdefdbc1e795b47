// The LadybugDB text of all three path queries (paths.all_shortest and paths.shortest take it
// with `text_from`).  Up to four hops: one branch per path length, each a fixed pattern of
// distinct nodes.  LadybugDB's variable-length search walks every path out of the first entity
// (hundreds of thousands around a large park) and its shortest-path search visits most of the
// graph within four hops.  A fixed pattern can instead be joined from both ends, and the HINT
// clauses make it so: each side expands up to the middle node from its own end and the two
// halves meet in a hash join there, so neither side walks on through the other's hubs (the
// optimiser's own order expanded one side through a 30,000-partner firm: 1 s, against 50 ms).
// Each branch keeps its first 50 (k is at most 50); queries/paths.py merges the branches in one
// order and keeps what the query asks for (k paths, or the shortest).
// Over four hops (the shortest-path queries allow six) only the last branch runs: the engine's
// ALL SHORTEST search.  The bounds are constants written into the text, so LadybugDB skips the
// branches they switch off without reading anything.
MATCH (a:{{from_label}} {id: $from_id})-[r1]-(b:{{to_label}} {id: $to_id})
WHERE {{max_hops}} <= 4 AND a <> b AND (size($rel_types) = 0 OR label(r1) IN $rel_types)
RETURN 1 AS hops, [label(a), label(b)] AS path_labels, [a.id, b.id] AS path_ids,
       [a.name, b.name] AS path_names, [label(r1)] AS path_types
ORDER BY list_to_string('|', path_names), list_to_string('|', path_types), list_to_string('|', path_ids)
LIMIT 50
UNION ALL
MATCH (a:{{from_label}} {id: $from_id})-[r1]-(x)-[r2]-(b:{{to_label}} {id: $to_id})
WHERE {{max_hops}} >= 2 AND {{max_hops}} <= 4 AND a <> b AND x <> a AND x <> b AND NOT label(x) IN $hubs
  AND (size($rel_types) = 0 OR (label(r1) IN $rel_types AND label(r2) IN $rel_types))
HINT ((a JOIN r1) JOIN x) JOIN (r2 JOIN b)
RETURN 2 AS hops, [label(a), label(x), label(b)] AS path_labels, [a.id, x.id, b.id] AS path_ids,
       [a.name, x.name, b.name] AS path_names, [label(r1), label(r2)] AS path_types
ORDER BY list_to_string('|', path_names), list_to_string('|', path_types), list_to_string('|', path_ids)
LIMIT 50
UNION ALL
MATCH (a:{{from_label}} {id: $from_id})-[r1]-(x)-[r2]-(y)-[r3]-(b:{{to_label}} {id: $to_id})
WHERE {{max_hops}} >= 3 AND {{max_hops}} <= 4 AND a <> b AND x <> a AND x <> b AND y <> a AND y <> b AND x <> y
  AND NOT label(x) IN $hubs AND NOT label(y) IN $hubs
  AND (size($rel_types) = 0 OR (label(r1) IN $rel_types AND label(r2) IN $rel_types AND label(r3) IN $rel_types))
HINT (((a JOIN r1) JOIN x) JOIN r2) JOIN ((b JOIN r3) JOIN y)
RETURN 3 AS hops, [label(a), label(x), label(y), label(b)] AS path_labels, [a.id, x.id, y.id, b.id] AS path_ids,
       [a.name, x.name, y.name, b.name] AS path_names, [label(r1), label(r2), label(r3)] AS path_types
ORDER BY list_to_string('|', path_names), list_to_string('|', path_types), list_to_string('|', path_ids)
LIMIT 50
UNION ALL
MATCH (a:{{from_label}} {id: $from_id})-[r1]-(x)-[r2]-(y)-[r3]-(z)-[r4]-(b:{{to_label}} {id: $to_id})
WHERE {{max_hops}} >= 4 AND {{max_hops}} <= 4 AND a <> b AND x <> a AND x <> b AND y <> a AND y <> b AND z <> a AND z <> b
  AND x <> y AND y <> z AND x <> z AND NOT label(x) IN $hubs AND NOT label(y) IN $hubs AND NOT label(z) IN $hubs
  AND (size($rel_types) = 0 OR (label(r1) IN $rel_types AND label(r2) IN $rel_types AND label(r3) IN $rel_types AND label(r4) IN $rel_types))
HINT ((((a JOIN r1) JOIN x) JOIN r2) JOIN y) JOIN (((b JOIN r4) JOIN z) JOIN r3)
RETURN 4 AS hops, [label(a), label(x), label(y), label(z), label(b)] AS path_labels,
       [a.id, x.id, y.id, z.id, b.id] AS path_ids, [a.name, x.name, y.name, z.name, b.name] AS path_names,
       [label(r1), label(r2), label(r3), label(r4)] AS path_types
ORDER BY list_to_string('|', path_names), list_to_string('|', path_types), list_to_string('|', path_ids)
LIMIT 50
UNION ALL
MATCH p = (a:{{from_label}} {id: $from_id})-[e* ALL SHORTEST 1..{{max_hops}} (r, n | WHERE NOT label(n) IN $hubs AND (size($rel_types) = 0 OR label(r) IN $rel_types))]-(b:{{to_label}} {id: $to_id})
WHERE {{max_hops}} >= 5
WITH p, length(p) AS hops, list_to_string('|', properties(nodes(p), 'name')) AS order_names, list_to_string('|', properties(nodes(p), 'id')) AS order_ids, list_to_string('|', list_transform(rels(p), x -> label(x))) AS order_types
RETURN hops, list_transform(nodes(p), x -> label(x)) AS path_labels, properties(nodes(p), 'id') AS path_ids,
       properties(nodes(p), 'name') AS path_names, list_transform(rels(p), x -> label(x)) AS path_types
ORDER BY order_names, order_types, order_ids
LIMIT 50
