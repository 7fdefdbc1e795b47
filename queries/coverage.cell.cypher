// id: coverage.cell
// title_zh: 矩阵单元明细
// title_en: What is behind a matrix cell
// audience: planner
// description: The platforms (or colleges, firms, parks) linked to one track, with the source of each link.
// description_zh: 与某一赛道相关联的平台（或院校、企业、园区），附每条关联的来源。
// param: track string required "the track's id or name"
// param_zh: track "赛道的 ID 或名称"
// param: kind label Platform "Platform, College, Firm or Park"
// param_zh: kind "Platform、College、Firm 或 Park"
// shape: graph
MATCH (n:{{kind}})-[e]->(t:Track)
WHERE t.id = $track OR t.name = $track
RETURN '{{kind}}' AS label, n.id AS id, n.name AS name, e.source AS source, e.confidence AS confidence
ORDER BY id
