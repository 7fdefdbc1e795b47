// id: kpi.progress
// title_zh: 目标进度
// title_en: Target versus actual
// audience: planner
// description: Each target beside its actual value — counted in the graph by the target's metric query, or a reported value with its source — and the share reached; targets with neither say so.
// shape: table
MATCH (c:Clause)-[:SETS]->(t:Target)
RETURN t.id AS target_id, c.title AS clause, t.metric AS metric, t.value AS value, t.unit AS unit,
       t.period AS period, t.metric_query AS metric_query, t.actual AS actual, t.actual_source AS actual_source
ORDER BY c.number, target_id
