// The track and its segments in one pattern (a PART_OF hop of length 0 or 1), expanded from the
// track: unwinding a list of track nodes made LadybugDB scan every relationship into any track.
MATCH (n)-[e]->(tr:Track)-[:PART_OF*0..1]->(t:Track)
WHERE (t.id = $track OR t.name = $track) AND label(n) <> 'Track'
RETURN DISTINCT label(n) AS label, n.id AS id, n.name AS name, label(e) AS via, tr.name AS track
ORDER BY label, id, track
