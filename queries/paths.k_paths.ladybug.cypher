// One branch per path length, each a fixed pattern: LadybugDB's variable-length search walks
// every path out of the first entity (hundreds of thousands around a large park), while a fixed
// pattern is joined from both ends.  Four hops meet in the middle: the two-hop ends reachable from
// each side are intersected first, so neither side walks through the other's hubs.  Each branch
// keeps its first k; queries/paths.py merges the branches in the order below and keeps k.
MATCH (a:{{from_label}} {id: $from_id})-[r1]-(b:{{to_label}} {id: $to_id})
WHERE a <> b AND (size($rel_types) = 0 OR label(r1) IN $rel_types)
RETURN 1 AS hops, [label(a), label(b)] AS path_labels, [a.id, b.id] AS path_ids,
       [a.name, b.name] AS path_names, [label(r1)] AS path_types
ORDER BY list_to_string('|', path_names), list_to_string('|', path_types), list_to_string('|', path_ids)
LIMIT $k
UNION ALL
MATCH (a:{{from_label}} {id: $from_id})-[r1]-(x)-[r2]-(b:{{to_label}} {id: $to_id})
WHERE {{max_hops}} >= 2 AND a <> b AND x <> a AND x <> b AND NOT label(x) IN $hubs
  AND (size($rel_types) = 0 OR (label(r1) IN $rel_types AND label(r2) IN $rel_types))
RETURN 2 AS hops, [label(a), label(x), label(b)] AS path_labels, [a.id, x.id, b.id] AS path_ids,
       [a.name, x.name, b.name] AS path_names, [label(r1), label(r2)] AS path_types
ORDER BY list_to_string('|', path_names), list_to_string('|', path_types), list_to_string('|', path_ids)
LIMIT $k
UNION ALL
MATCH (a:{{from_label}} {id: $from_id})-[r1]-(x)-[r2]-(y)-[r3]-(b:{{to_label}} {id: $to_id})
WHERE {{max_hops}} >= 3 AND a <> b AND x <> a AND x <> b AND y <> a AND y <> b AND x <> y
  AND NOT label(x) IN $hubs AND NOT label(y) IN $hubs
  AND (size($rel_types) = 0 OR (label(r1) IN $rel_types AND label(r2) IN $rel_types AND label(r3) IN $rel_types))
RETURN 3 AS hops, [label(a), label(x), label(y), label(b)] AS path_labels, [a.id, x.id, y.id, b.id] AS path_ids,
       [a.name, x.name, y.name, b.name] AS path_names, [label(r1), label(r2), label(r3)] AS path_types
ORDER BY list_to_string('|', path_names), list_to_string('|', path_types), list_to_string('|', path_ids)
LIMIT $k
UNION ALL
MATCH (a:{{from_label}} {id: $from_id})-[r1]-(x)-[r2]-(y)
WHERE {{max_hops}} >= 4 AND x <> a AND y <> a AND x <> y AND NOT label(x) IN $hubs AND NOT label(y) IN $hubs
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
LIMIT $k
