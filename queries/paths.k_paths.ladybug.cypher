// The LadybugDB text of all three path queries (paths.all_shortest and paths.shortest take it
// with `text_from`).  Up to four hops: one branch per path length, each a fixed pattern of
// distinct nodes.  LadybugDB's variable-length search walks every path out of the first entity
// (hundreds of thousands around a large park) and its shortest-path search visits most of the
// graph within four hops, while a fixed pattern is joined from both ends; four hops meet in the
// middle: the two-hop ends reachable from each side are intersected first, so neither side walks
// through the other's hubs.  Each branch keeps its first 50 (k is at most 50); queries/paths.py
// merges the branches in one order and keeps what the query asks for (k paths, or the shortest).
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
RETURN 2 AS hops, [label(a), label(x), label(b)] AS path_labels, [a.id, x.id, b.id] AS path_ids,
       [a.name, x.name, b.name] AS path_names, [label(r1), label(r2)] AS path_types
ORDER BY list_to_string('|', path_names), list_to_string('|', path_types), list_to_string('|', path_ids)
LIMIT 50
UNION ALL
MATCH (a:{{from_label}} {id: $from_id})-[r1]-(x)-[r2]-(y)-[r3]-(b:{{to_label}} {id: $to_id})
WHERE {{max_hops}} >= 3 AND {{max_hops}} <= 4 AND a <> b AND x <> a AND x <> b AND y <> a AND y <> b AND x <> y
  AND NOT label(x) IN $hubs AND NOT label(y) IN $hubs
  AND (size($rel_types) = 0 OR (label(r1) IN $rel_types AND label(r2) IN $rel_types AND label(r3) IN $rel_types))
RETURN 3 AS hops, [label(a), label(x), label(y), label(b)] AS path_labels, [a.id, x.id, y.id, b.id] AS path_ids,
       [a.name, x.name, y.name, b.name] AS path_names, [label(r1), label(r2), label(r3)] AS path_types
ORDER BY list_to_string('|', path_names), list_to_string('|', path_types), list_to_string('|', path_ids)
LIMIT 50
UNION ALL
MATCH (a:{{from_label}} {id: $from_id})-[r1]-(x)-[r2]-(y)
WHERE {{max_hops}} >= 4 AND {{max_hops}} <= 4 AND x <> a AND y <> a AND x <> y AND NOT label(x) IN $hubs AND NOT label(y) IN $hubs
  AND (size($rel_types) = 0 OR (label(r1) IN $rel_types AND label(r2) IN $rel_types))
WITH a, collect(DISTINCT id(y)) AS near_a
MATCH (y)-[r3]-(z)-[r4]-(b:{{to_label}} {id: $to_id})
WHERE list_contains(near_a, id(y)) AND a <> b AND y <> b AND z <> a AND z <> b AND z <> y AND NOT label(z) IN $hubs
  AND (size($rel_types) = 0 OR (label(r3) IN $rel_types AND label(r4) IN $rel_types))
WITH a, b, collect({y: id(y), z: id(z), label: label(z), id: z.id, name: z.name, r3: label(r3), r4: label(r4)}) AS halves,
     collect(DISTINCT id(y)) AS middle
MATCH (a)-[r1]-(x)-[r2]-(y)
WHERE list_contains(middle, id(y)) AND x <> a AND x <> b AND x <> y AND NOT label(x) IN $hubs
  AND (size($rel_types) = 0 OR (label(r1) IN $rel_types AND label(r2) IN $rel_types))
UNWIND halves AS h
WITH a, r1, x, r2, y, h, b
WHERE h.y = id(y) AND h.z <> id(x)
RETURN 4 AS hops, [label(a), label(x), label(y), h.label, label(b)] AS path_labels,
       [a.id, x.id, y.id, h.id, b.id] AS path_ids, [a.name, x.name, y.name, h.name, b.name] AS path_names,
       [label(r1), label(r2), h.r3, h.r4] AS path_types
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
