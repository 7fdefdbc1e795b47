// id: quality.duplicates
// title_zh: 疑似重复实体
// title_en: Likely duplicates
// audience: planner
// description: Pairs of entities of the same type whose names are alike (equal once width, spaces and brackets are ignored, or one contained in the other). The names are read here, one list per type; the comparison runs in Python over sorted names, so it stays fast on large graphs.
// description_zh: 同一类型中名称相近的实体对（忽略全半角、空格和括号后相同，或一个包含另一个）。名称在此按类型各读成一个列表，比较在 Python 中对排序后的名称进行，因此大图上也很快。
// shape: table
// postprocess: queries.quality.likely_duplicates
// One row per type with all its names: a hundred thousand single rows, or pairs, cost the
// Python drivers far more time than the same strings in a few lists. The ids of the few
// names that are alike are looked up afterwards (queries/quality.py). One branch per type
// (all but Clause, Target, Document): label scans take 60 ms at M scale where one scan of
// all nodes grouped by label takes 150 ms. A test keeps the branches in step with the model.
MATCH (n:Track) WHERE n.name IS NOT NULL RETURN 'Track' AS label, collect(n.name) AS names
UNION ALL
MATCH (n:Region) WHERE n.name IS NOT NULL RETURN 'Region' AS label, collect(n.name) AS names
UNION ALL
MATCH (n:Park) WHERE n.name IS NOT NULL RETURN 'Park' AS label, collect(n.name) AS names
UNION ALL
MATCH (n:University) WHERE n.name IS NOT NULL RETURN 'University' AS label, collect(n.name) AS names
UNION ALL
MATCH (n:College) WHERE n.name IS NOT NULL RETURN 'College' AS label, collect(n.name) AS names
UNION ALL
MATCH (n:Firm) WHERE n.name IS NOT NULL RETURN 'Firm' AS label, collect(n.name) AS names
UNION ALL
MATCH (n:Tier) WHERE n.name IS NOT NULL RETURN 'Tier' AS label, collect(n.name) AS names
UNION ALL
MATCH (n:Platform) WHERE n.name IS NOT NULL RETURN 'Platform' AS label, collect(n.name) AS names
UNION ALL
MATCH (n:Programme) WHERE n.name IS NOT NULL RETURN 'Programme' AS label, collect(n.name) AS names
UNION ALL
MATCH (n:Fund) WHERE n.name IS NOT NULL RETURN 'Fund' AS label, collect(n.name) AS names
UNION ALL
MATCH (n:Person) WHERE n.name IS NOT NULL RETURN 'Person' AS label, collect(n.name) AS names
UNION ALL
MATCH (n:Project) WHERE n.name IS NOT NULL RETURN 'Project' AS label, collect(n.name) AS names
UNION ALL
MATCH (n:Scenario) WHERE n.name IS NOT NULL RETURN 'Scenario' AS label, collect(n.name) AS names
UNION ALL
MATCH (n:Event) WHERE n.name IS NOT NULL RETURN 'Event' AS label, collect(n.name) AS names
