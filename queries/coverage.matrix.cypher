// id: coverage.matrix
// title_zh: 赛道×平台覆盖矩阵
// title_en: Track × platform coverage matrix
// audience: planner
// description: For each track and chain segment, how many platforms serve it and how many colleges, firms and parks work in it.
// shape: table
MATCH (t:Track) WHERE t.kind IS NULL OR t.kind <> 'system'
OPTIONAL MATCH (p:Platform)-[:SERVES]->(t)
WITH t, count(DISTINCT p) AS platforms
OPTIONAL MATCH (c:College)-[:IN_TRACK]->(t)
WITH t, platforms, count(DISTINCT c) AS colleges
OPTIONAL MATCH (f:Firm)-[:IN_TRACK]->(t)
WITH t, platforms, colleges, count(DISTINCT f) AS firms
OPTIONAL MATCH (k:Park)-[:FOCUSES_ON]->(t)
RETURN t.id AS track_id, t.name AS track, t.kind AS kind, platforms, colleges, firms, count(DISTINCT k) AS parks
ORDER BY track_id
