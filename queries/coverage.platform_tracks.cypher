// id: coverage.platform_tracks
// title_zh: 平台×赛道：哪些平台服务哪个赛道
// title_en: Platform × track: which platforms serve each track
// audience: planner
// description: One row per platform and track it serves, directly or through one of the track's chain segments (via_segment names the segment), with the link's confidence.
// description_zh: 每个平台与它服务的赛道各占一行：直接服务赛道，或服务该赛道的某个产业链环节（via_segment 为该环节），附关联的可信度。
// shape: table
MATCH (p:Platform)-[e:SERVES]->(s:Track)
OPTIONAL MATCH (s)-[:PART_OF]->(parent:Track)
WITH p, e, s, parent
WHERE s.kind IS NULL OR s.kind <> 'system'
RETURN p.id AS platform_id, p.name AS platform, coalesce(parent.id, s.id) AS track_id,
       coalesce(parent.name, s.name) AS track, CASE WHEN parent IS NULL THEN NULL ELSE s.name END AS via_segment,
       e.confidence AS confidence
// a direct link (no segment) first on both stores: their NULLs sort differently
ORDER BY platform_id, track_id, coalesce(via_segment, '')
