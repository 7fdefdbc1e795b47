// id: metric.scenarios
// title_zh: 应用场景数（图中）
// title_en: Scenarios in the graph
// audience: planner
// description: A KPI metric counted in the graph (what the bundled data holds, not the city-wide statistic).
// shape: table
MATCH (s:Scenario) RETURN count(s) AS actual
