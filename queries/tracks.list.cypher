// id: tracks.list
// title_zh: 赛道清单
// title_en: Tracks
// audience: planner
// description: Every track, chain segment and industry system, with the track a segment belongs to.
// description_zh: 全部赛道、产业链环节和产业体系，附环节所属的赛道。
// shape: table
MATCH (t:Track)
OPTIONAL MATCH (t)-[:PART_OF]->(parent:Track)
RETURN t.id AS id, t.name AS name, t.kind AS kind, parent.name AS part_of, t.source AS source
ORDER BY kind, id
