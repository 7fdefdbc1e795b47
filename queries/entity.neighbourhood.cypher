// id: entity.neighbourhood
// title_zh: 实体关系网络
// title_en: Neighbourhood of an entity
// audience: researcher
// description: Everything within 1–3 hops of an entity. Hub types (tracks, regions, tiers, documents) end a walk instead of passing it on, so that one shared track does not pull in the whole graph; only the listed types are kept when types is given.
// description_zh: 某实体 1–3 跳以内的全部主体。枢纽类型（赛道、辖区、梯队、文件）只作为终点、不再向外延伸，免得一个共同赛道把整张图都带进来；给出 types 时只保留所列类型。
// param: label label required "the entity's type"
// param_zh: label "实体的类型"
// param: id string required "the entity's id"
// param_zh: id "实体的 ID"
// param: hops hops 1 "1, 2 or 3"
// param_zh: hops "1、2 或 3"
// param: types labels '' "keep only these types (comma-separated)"
// param_zh: types "只保留这些类型（逗号分隔）"
// param: hubs labels model "types a walk does not pass through"
// param_zh: hubs "游走不穿过的类型"
// shape: graph
WITH $hubs AS hubs, $types AS types
MATCH p = (a:{{label}} {id: $id})-[*1..{{hops}}]-(b)
WHERE b <> a
  AND all(x IN nodes(p)[1..-1] WHERE NOT labels(x)[0] IN hubs)
  AND (size(types) = 0 OR labels(b)[0] IN types)
WITH b, min(length(p)) AS distance
RETURN labels(b)[0] AS label, b.id AS id, b.name AS name, distance
ORDER BY distance, label, id
LIMIT 2000
