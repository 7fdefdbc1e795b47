// id: paths.k_paths
// title_zh: 多条合作路径
// title_en: Up to k collaboration paths
// audience: researcher
// description: Up to k paths without repeated nodes of at most N hops (N ≤ 4) between two entities, shortest first, through organisations only.
// description_zh: 两个实体之间至多 k 条不重复经过节点、至多 N 跳（N ≤ 4）的路径，短的在前，只经过机构。
// param: from_label label required "type of the first entity"
// param_zh: from_label "第一个实体的类型"
// param: from_id string required "id of the first entity"
// param_zh: from_id "第一个实体的 ID"
// param: to_label label required "type of the second entity"
// param_zh: to_label "第二个实体的类型"
// param: to_id string required "id of the second entity"
// param_zh: to_id "第二个实体的 ID"
// param: max_hops hops<=4 3 "longest path (at most 4: longer walks explode around large parks)"
// param_zh: max_hops "路径最长跳数（至多 4：更长的路径在大型园区周围数量暴增）"
// param: k int<=50 10 "most paths (at most 50)"
// param_zh: k "最多路径条数（至多 50）"
// param: rel_types labels '' "follow only these relationship types (comma-separated; empty = all)"
// param_zh: rel_types "只沿这些关系类型走（逗号分隔；空 = 全部）"
// param: hubs labels model "types a path may not pass through"
// param_zh: hubs "路径不可穿过的类型"
// shape: graph
// postprocess: queries.paths.first_k_paths
// Every trail of up to N hops is in the first N length groups; SHORTEST … GROUPS searches from both
// ends (a variable-length MATCH walks every path out of the first entity), then repeats are dropped.
MATCH p = SHORTEST {{max_hops}} GROUPS (a:{{from_label}} {id: $from_id})
      (()-[r]-(x) WHERE (x.id = $to_id OR NOT labels(x)[0] IN $hubs)
                        AND (size($rel_types) = 0 OR type(r) IN $rel_types)){1,{{max_hops}}}
      (b:{{to_label}} {id: $to_id})
WITH p WHERE size(nodes(p)) = size(reduce(seen = [], x IN nodes(p) | CASE WHEN x IN seen THEN seen ELSE seen + x END))
WITH p, length(p) AS hops, reduce(s = '', x IN nodes(p) | s + '|' + x.name) AS order_names, reduce(s = '', x IN nodes(p) | s + '|' + x.id) AS order_ids, reduce(s = '', r IN relationships(p) | s + '|' + type(r)) AS order_types
RETURN hops, [x IN nodes(p) | labels(x)[0]] AS path_labels, [x IN nodes(p) | x.id] AS path_ids,
       [x IN nodes(p) | x.name] AS path_names, [r IN relationships(p) | type(r)] AS path_types
ORDER BY hops, order_names, order_types, order_ids
LIMIT $k
