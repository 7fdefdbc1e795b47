MATCH (t:Track) WHERE t.id = $track OR t.name = $track
OPTIONAL MATCH (s:Track)-[:PART_OF]->(t)
WITH collect(DISTINCT t) + collect(DISTINCT s) AS tracks
UNWIND tracks AS tr
MATCH (n)-[e]->(tr2:Track)
WHERE tr2.id = tr.id AND label(n) <> 'Track'
RETURN DISTINCT label(n) AS label, n.id AS id, n.name AS name, label(e) AS via, tr2.name AS track
ORDER BY label, id, track
