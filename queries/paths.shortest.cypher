// id: paths.shortest
// title_zh: 最短合作路径
// title_en: Shortest collaboration path
// audience: researcher
// description: One shortest path between two entities (the first in name order when several tie), through organisations only: hub types are not crossed and only the allowed relationship types are followed.
// description_zh: 两个实体之间的一条最短路径（多条并列时取按名称排序的第一条），只经过机构：不穿过枢纽类型，只沿允许的关系类型走。
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
// postprocess: queries.paths.shortest_path
// text_from: paths.all_shortest
