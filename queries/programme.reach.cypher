// id: programme.reach
// title_zh: 政策计划覆盖面
// title_en: A programme's reach
// audience: planner
// description: Who leads or takes part in a programme, which tracks it focuses on and which clauses define or mention it.
// description_zh: 某计划由谁牵头、谁参与，聚焦哪些赛道，以及哪些条款规定或提及它。
// param: programme string 双岗互聘计划 "the programme's id, name or alias"
// param_zh: programme "计划的 ID、名称或别名"
// shape: graph
MATCH (g:Programme)
WHERE g.id = $programme OR g.name = $programme OR $programme IN coalesce(g.aliases, [])
MATCH (n)-[e]-(g)
RETURN DISTINCT labels(n)[0] AS label, n.id AS id, n.name AS name, type(e) AS via, g.name AS programme
ORDER BY label, id, via
