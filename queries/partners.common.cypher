// id: partners.common
// title_zh: 共同合作伙伴
// title_en: Common partners of two entities
// audience: researcher
// description: Organisations directly linked to both entities (hub types such as tracks and regions left out).
// description_zh: 与两个实体都直接相连的机构（不计赛道、辖区等枢纽类型）。
// param: a_label label required "type of the first entity"
// param_zh: a_label "第一个实体的类型"
// param: a_id string required "id of the first entity"
// param_zh: a_id "第一个实体的 ID"
// param: b_label label required "type of the second entity"
// param_zh: b_label "第二个实体的类型"
// param: b_id string required "id of the second entity"
// param_zh: b_id "第二个实体的 ID"
// param: hubs labels model "types not counted as partners"
// param_zh: hubs "不计为合作伙伴的类型"
// shape: graph
MATCH (a:{{a_label}} {id: $a_id})--(c)--(b:{{b_label}} {id: $b_id})
WHERE NOT labels(c)[0] IN $hubs
RETURN DISTINCT labels(c)[0] AS label, c.id AS id, c.name AS name
ORDER BY label, id
