// id: chain.coverage
// title_zh: 产业链环节覆盖（补链/强链）
// title_en: Chain-link coverage (fill or strengthen)
// audience: planner
// description: For a track split into chain segments, the local firms, platforms and colleges per segment; a segment with none is a candidate to fill, one with two or fewer a candidate to strengthen.
// description_zh: 对分为产业链环节的赛道，逐环节列出本地企业、平台和院校；没有任何主体的环节是补链候选，不超过两个的是强链候选。
// param: track string 新能源 "the track's id or name"
// param_zh: track "赛道的 ID 或名称"
// shape: table
MATCH (s:Track)-[:PART_OF]->(t:Track)
WHERE t.id = $track OR t.name = $track
OPTIONAL MATCH (f:Firm)-[:IN_TRACK]->(s)
WITH t, s, count(DISTINCT f) AS firms, collect(DISTINCT f.name) AS firm_names
OPTIONAL MATCH (p:Platform)-[:SERVES]->(s)
WITH t, s, firms, firm_names, count(DISTINCT p) AS platforms, collect(DISTINCT p.name) AS platform_names
OPTIONAL MATCH (c:College)-[:IN_TRACK]->(s)
WITH t, s, firms, firm_names, platforms, platform_names, count(DISTINCT c) AS colleges
RETURN t.name AS track, s.id AS segment_id, s.name AS segment, firms, platforms, colleges,
       CASE WHEN firms + platforms + colleges = 0 THEN '补链 fill'
            WHEN firms + platforms + colleges <= 2 THEN '强链 strengthen'
            ELSE '覆盖 covered' END AS status,
       firm_names, platform_names
ORDER BY segment_id
