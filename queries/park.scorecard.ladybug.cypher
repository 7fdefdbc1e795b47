// LadybugDB has no join hints; the same links expanded from each park.
MATCH (k:Park)
OPTIONAL MATCH (j:Project)-[:INCUBATED_IN|LANDS_IN]->(k)
WITH k, collect(DISTINCT j.name) AS projects
OPTIONAL MATCH (h:Person)-[:LANDS_IN]->(k)
WITH k, projects, count(DISTINCT h) AS talents
OPTIONAL MATCH (p2:Platform)-[:LOCATED_IN]->(k)
WITH k, projects, talents, collect(DISTINCT p2.name) AS located
OPTIONAL MATCH (k)-[:CO_BUILDS]->(p1:Platform)
WITH k, projects, talents, located, collect(DISTINCT p1.name) AS cobuilt
OPTIONAL MATCH (f:Fund)-[:SET_UP_BY]->(k)
WITH k, projects, talents, cobuilt + located AS platforms, collect(DISTINCT f.name) AS funds
OPTIONAL MATCH (k)-[:FOCUSES_ON]->(t:Track)
WITH k, projects, talents, platforms, funds, collect(DISTINCT t.name) AS tracks
OPTIONAL MATCH (k)-[:IN_REGION]->(:Region)<-[:SET_UP_BY]-(rf:Fund) WHERE NOT rf.name IN funds
WITH k, projects, talents, platforms, funds, tracks, collect(DISTINCT rf.name) AS region_funds
RETURN k.id AS park_id, k.name AS park,
       size(tracks) > 0 AS has_track, size(platforms) > 0 AS has_platform, talents > 0 AS has_talent,
       size(funds) > 0 AS has_fund, size(projects) > 0 AS has_project,
       (CASE WHEN size(tracks) > 0 THEN 1 ELSE 0 END) + (CASE WHEN size(platforms) > 0 THEN 1 ELSE 0 END)
         + (CASE WHEN talents > 0 THEN 1 ELSE 0 END) + (CASE WHEN size(funds) > 0 THEN 1 ELSE 0 END)
         + (CASE WHEN size(projects) > 0 THEN 1 ELSE 0 END) AS score,
       tracks, platforms, talents, funds, projects, region_funds, k.source AS source
ORDER BY score DESC, park_id
