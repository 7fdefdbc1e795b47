// id: park.scorecard
// title_zh: 园区“五个一”评分
// title_en: The 五个一 scorecard per park
// audience: planner
// description: For each park, the five links of the plan — a track it focuses on, a co-built platform serving it, leading talents, a transformation fund, benchmark projects — with the evidence for each and the number present. A fund set up by the park's district counts only when its source ties it to the park (then it is SET_UP_BY the park); the others are listed as region_funds, beside the score and not in it.
// shape: table
// The links with the most rows first: each WITH groups by everything carried so far, lists
// included, so carrying few of them through the big groups halves the time at 1,000 parks.
// Platforms located in a park are found from the platforms (a hash join on k): expanded from
// the park they are found among all its firms (68,395 LOCATED_IN over 1,000 parks at M).
MATCH (k:Park)
OPTIONAL MATCH (p2:Platform)-[:LOCATED_IN]->(k) USING JOIN ON k
WITH k, collect(DISTINCT p2.name) AS located
OPTIONAL MATCH (j:Project)-[:INCUBATED_IN|LANDS_IN]->(k)
WITH k, located, collect(DISTINCT j.name) AS projects
OPTIONAL MATCH (h:Person)-[:LANDS_IN]->(k)
WITH k, projects, located, count(DISTINCT h) AS talents
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
