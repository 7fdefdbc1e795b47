// id: quality.orphans
// title_zh: 孤立节点
// title_en: Orphans
// audience: planner
// description: Entities linked to nothing: often a name typed two ways, or a row whose relationships were never entered.
// description_zh: 没有任何关联的实体：常是同一名称写成了两种，或某行的关系从未录入。
// shape: graph
MATCH (n) WHERE NOT n:_Meta AND NOT (n)--()
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, n.source AS source
ORDER BY label, id
