// id: paths.shortest
// title_zh: 最短合作路径
// title_en: Shortest collaboration path
// audience: researcher
// description: One shortest path between two entities (the first in name order when several tie), through organisations only: hub types are not crossed and only the allowed relationship types are followed.
// param: from_label label required "type of the first entity"
// param: from_id string required "id of the first entity"
// param: to_label label required "type of the second entity"
// param: to_id string required "id of the second entity"
// param: max_hops hops 4 "longest path (at most 6)"
// param: rel_types labels '' "follow only these relationship types (comma-separated; empty = all)"
// param: hubs labels Track,Region,Tier,Document,Clause,Target "types a path may not pass through"
// shape: graph
// text_from: paths.all_shortest
