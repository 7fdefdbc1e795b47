// id: gaps.tracks
// title_zh: 赛道短板
// title_en: Tracks lacking platforms, colleges or firms
// audience: planner
// description: Tracks (not segments or systems) where no platform serves, or no college or firm works — where the city should fill the gap.
// description_zh: 没有平台服务、或没有院校或企业参与的赛道（不含产业链环节和产业体系）：需要补短板之处。
// shape: table
MATCH (t:Track) WHERE t.kind IS NULL OR t.kind = 'track'
OPTIONAL MATCH (p:Platform)-[:SERVES]->(t)
WITH t, count(DISTINCT p) AS platforms
OPTIONAL MATCH (c:College)-[:IN_TRACK]->(t)
WITH t, platforms, count(DISTINCT c) AS colleges
OPTIONAL MATCH (f:Firm)-[:IN_TRACK]->(t)
WITH t, platforms, colleges, count(DISTINCT f) AS firms
WHERE platforms = 0 OR colleges = 0 OR firms = 0
RETURN t.id AS track_id, t.name AS track, platforms, colleges, firms,
       platforms = 0 AS lacks_platform, colleges = 0 AS lacks_college, firms = 0 AS lacks_firm
ORDER BY track_id
