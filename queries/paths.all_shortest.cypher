// id: paths.all_shortest
// title_zh: 全部最短路径
// title_en: All shortest collaboration paths
// audience: researcher
// description: Every shortest path between two entities (the first 50 in name order), through organisations only: hub types are not crossed and only the allowed relationship types are followed.
// description_zh: 两个实体之间的全部最短路径（按名称排序的前 50 条），只经过机构：不穿过枢纽类型，只沿允许的关系类型走。
// param: from_label label required "type of the first entity"
// param_zh: from_label "第一个实体的类型"
// param: from_id string required "id of the first entity"
// param_zh: from_id "第一个实体的 ID"
// param: to_label label required "type of the second entity"
// param_zh: to_label "第二个实体的类型"
// param: to_id string required "id of the second entity"
// param_zh: to_id "第二个实体的 ID"
// param: max_hops hops 4 "longest path (at most 6)"
// param_zh: max_hops "路径最长跳数（至多 6）"
// param: rel_types labels '' "follow only these relationship types (comma-separated; empty = all)"
// param_zh: rel_types "只沿这些关系类型走（逗号分隔；空 = 全部）"
// param: hubs labels model "types a path may not pass through"
// param_zh: hubs "路径不可穿过的类型"
// shape: graph
// postprocess: queries.paths.shortest_paths
// text_from: paths.k_paths
MATCH p = ALL SHORTEST (a:{{from_label}} {id: $from_id})
      (()-[r]-(x) WHERE (x.id = $to_id OR NOT labels(x)[0] IN $hubs)
                        AND (size($rel_types) = 0 OR type(r) IN $rel_types)){1,{{max_hops}}}
      (b:{{to_label}} {id: $to_id})
WITH p, length(p) AS hops, reduce(s = '', x IN nodes(p) | s + '|' + x.name) AS order_names, reduce(s = '', x IN nodes(p) | s + '|' + x.id) AS order_ids, reduce(s = '', r IN relationships(p) | s + '|' + type(r)) AS order_types
RETURN hops, [x IN nodes(p) | labels(x)[0]] AS path_labels, [x IN nodes(p) | x.id] AS path_ids,
       [x IN nodes(p) | x.name] AS path_names, [r IN relationships(p) | type(r)] AS path_types
ORDER BY hops, order_names, order_types, order_ids
LIMIT 50
