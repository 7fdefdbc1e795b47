// id: metric.platforms_provincial
// title_zh: 省级以上科创平台数（图中）
// title_en: Provincial-or-higher platforms in the graph
// audience: planner
// description: A KPI metric counted in the graph (what the bundled data holds, not the city-wide statistic).
// shape: table
MATCH (p:Platform) WHERE p.level IN ['国家级', '省级'] RETURN count(p) AS actual
