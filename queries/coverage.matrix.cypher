// id: coverage.matrix
// title_zh: 赛道×平台覆盖矩阵
// title_en: Track × platform coverage matrix
// audience: planner
// description: For each track and chain segment, how many platforms serve it and how many colleges, firms and parks work in it.
// description_zh: 每个赛道和产业链环节：服务它的平台数，以及在其中的院校、企业和园区数。
// shape: table
// COUNT subqueries count each track's partners without grouping: the loader keeps one
// relationship per type and pair, so a count of matches is a count of partners (and 10x faster
// on LadybugDB than OPTIONAL MATCH … count(DISTINCT …) chains).
MATCH (t:Track) WHERE t.kind IS NULL OR t.kind <> 'system'
RETURN t.id AS track_id, t.name AS track, t.kind AS kind,
       COUNT { MATCH (p:Platform)-[:SERVES]->(t) } AS platforms,
       COUNT { MATCH (c:College)-[:IN_TRACK]->(t) } AS colleges,
       COUNT { MATCH (f:Firm)-[:IN_TRACK]->(t) } AS firms,
       COUNT { MATCH (k:Park)-[:FOCUSES_ON]->(t) } AS parks
ORDER BY track_id
