// id: park.scorecard
// title_zh: 园区“五个一”评分
// title_en: The five-links scorecard per park
// audience: planner
// description: For each park, the five links of the plan — a track it focuses on, a co-built platform serving it, leading talents, a transformation fund, benchmark projects — with the evidence for each and the number present. A fund set up by the park's district counts only when its source ties it to the park (then it is SET_UP_BY the park); the others are listed as region_funds, beside the score and not in it. inferred_only names the links whose every piece of evidence is inferred (none stated).
// description_zh: 每个园区的“五个一”：一个主导赛道、一个服务它的共建平台、一批领军人才、一支转化基金、一批标杆项目，附各项证据和具备的项数。辖区设立的基金只有在来源写明与本园区挂钩时才计分（此时它 SET_UP_BY 本园区）；其余列在 region_funds 中，放在得分旁边、不计入得分。inferred_only 列出证据全部为推断（没有一条来源明示）的项。
// shape: table
// The links with the most rows first: each WITH groups by everything carried so far, lists
// included, so carrying few of them through the big groups halves the time at 1,000 parks.
// Platforms located in a park are found from the platforms (a hash join on k): expanded from
// the park they are found among all its firms (68,395 LOCATED_IN over 1,000 parks at M).
MATCH (k:Park)
OPTIONAL MATCH (p2:Platform)-[r2:LOCATED_IN]->(k) USING JOIN ON k
WITH k, collect(DISTINCT p2.name) AS located, max(CASE WHEN r2.confidence = 'stated' THEN 1 ELSE 0 END) AS pl_st
OPTIONAL MATCH (j:Project)-[rj:INCUBATED_IN|LANDS_IN]->(k)
WITH k, located, pl_st, collect(DISTINCT j.name) AS projects, max(CASE WHEN rj.confidence = 'stated' THEN 1 ELSE 0 END) AS pr_st
OPTIONAL MATCH (h:Person)-[rh:LANDS_IN]->(k)
WITH k, projects, located, pl_st, pr_st, count(DISTINCT h) AS talents,
     max(CASE WHEN rh.confidence = 'stated' THEN 1 ELSE 0 END) AS ta_st
OPTIONAL MATCH (k)-[r1:CO_BUILDS]->(p1:Platform)
WITH k, projects, talents, located, pr_st, ta_st, collect(DISTINCT p1.name) AS cobuilt,
     pl_st, max(CASE WHEN r1.confidence = 'stated' THEN 1 ELSE 0 END) AS cb_st
OPTIONAL MATCH (f:Fund)-[rf1:SET_UP_BY]->(k)
WITH k, projects, talents, cobuilt + located AS platforms, pl_st + cb_st AS pl_st, pr_st, ta_st, collect(DISTINCT f.name) AS funds,
     max(CASE WHEN rf1.confidence = 'stated' THEN 1 ELSE 0 END) AS fu_st
OPTIONAL MATCH (k)-[rt:FOCUSES_ON]->(t:Track)
WITH k, projects, talents, platforms, funds, pl_st, pr_st, ta_st, fu_st, collect(DISTINCT t.name) AS tracks,
     max(CASE WHEN rt.confidence = 'stated' THEN 1 ELSE 0 END) AS tr_st
OPTIONAL MATCH (k)-[:IN_REGION]->(:Region)<-[:SET_UP_BY]-(rf:Fund) WHERE NOT rf.name IN funds
WITH k, projects, talents, platforms, funds, tracks, pl_st, pr_st, ta_st, fu_st, tr_st,
     collect(DISTINCT rf.name) AS region_funds
RETURN k.id AS park_id, k.name AS park,
       size(tracks) > 0 AS has_track, size(platforms) > 0 AS has_platform, talents > 0 AS has_talent,
       size(funds) > 0 AS has_fund, size(projects) > 0 AS has_project,
       (CASE WHEN size(tracks) > 0 THEN 1 ELSE 0 END) + (CASE WHEN size(platforms) > 0 THEN 1 ELSE 0 END)
         + (CASE WHEN talents > 0 THEN 1 ELSE 0 END) + (CASE WHEN size(funds) > 0 THEN 1 ELSE 0 END)
         + (CASE WHEN size(projects) > 0 THEN 1 ELSE 0 END) AS score,
       tracks, platforms, talents, funds, projects, region_funds,
       (CASE WHEN size(tracks) > 0 AND tr_st = 0 THEN ['track'] ELSE [] END)
         + (CASE WHEN size(platforms) > 0 AND pl_st = 0 THEN ['platform'] ELSE [] END)
         + (CASE WHEN talents > 0 AND ta_st = 0 THEN ['talent'] ELSE [] END)
         + (CASE WHEN size(funds) > 0 AND fu_st = 0 THEN ['fund'] ELSE [] END)
         + (CASE WHEN size(projects) > 0 AND pr_st = 0 THEN ['project'] ELSE [] END) AS inferred_only,
       k.source AS source
ORDER BY score DESC, park_id
