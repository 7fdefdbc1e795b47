// id: entity.search
// title_zh: 按名称或别名搜索
// title_en: Search by name or alias
// audience: researcher
// description: Entities whose name, English name or an alias contains the text (case-insensitive), optionally of some types only.
// description_zh: 名称或别名包含所给文字的实体（不区分大小写），可只查某些类型。
// param: q string '' "text to look for"
// param_zh: q "要查找的文字"
// param: types labels '' "only these types (comma-separated), e.g. Platform,College"
// param_zh: types "只查这些类型（逗号分隔），如 Platform,College"
// param: limit int 50 "most results"
// param_zh: limit "最多结果数"
// shape: graph
// One branch per entity type, so that each reads its TEXT index on search_key (name and
// aliases, lower-cased: graph/model.py) and only the nodes that contain the text: 26 ms
// at 100k nodes where lower-casing every name took 230. The key only finds candidates; the
// name and aliases are checked again below. A test keeps the branches in step with the model.
WITH lower($q) AS q, $types AS types
CALL (q, types) {
  WITH q, types WHERE size(types) = 0 OR 'Track' IN types
  MATCH (n:Track) WHERE n.search_key CONTAINS q RETURN n
  UNION ALL
  WITH q, types WHERE size(types) = 0 OR 'Region' IN types
  MATCH (n:Region) WHERE n.search_key CONTAINS q RETURN n
  UNION ALL
  WITH q, types WHERE size(types) = 0 OR 'Park' IN types
  MATCH (n:Park) WHERE n.search_key CONTAINS q RETURN n
  UNION ALL
  WITH q, types WHERE size(types) = 0 OR 'University' IN types
  MATCH (n:University) WHERE n.search_key CONTAINS q RETURN n
  UNION ALL
  WITH q, types WHERE size(types) = 0 OR 'College' IN types
  MATCH (n:College) WHERE n.search_key CONTAINS q RETURN n
  UNION ALL
  WITH q, types WHERE size(types) = 0 OR 'Firm' IN types
  MATCH (n:Firm) WHERE n.search_key CONTAINS q RETURN n
  UNION ALL
  WITH q, types WHERE size(types) = 0 OR 'Tier' IN types
  MATCH (n:Tier) WHERE n.search_key CONTAINS q RETURN n
  UNION ALL
  WITH q, types WHERE size(types) = 0 OR 'Platform' IN types
  MATCH (n:Platform) WHERE n.search_key CONTAINS q RETURN n
  UNION ALL
  WITH q, types WHERE size(types) = 0 OR 'Programme' IN types
  MATCH (n:Programme) WHERE n.search_key CONTAINS q RETURN n
  UNION ALL
  WITH q, types WHERE size(types) = 0 OR 'Fund' IN types
  MATCH (n:Fund) WHERE n.search_key CONTAINS q RETURN n
  UNION ALL
  WITH q, types WHERE size(types) = 0 OR 'Person' IN types
  MATCH (n:Person) WHERE n.search_key CONTAINS q RETURN n
  UNION ALL
  WITH q, types WHERE size(types) = 0 OR 'Project' IN types
  MATCH (n:Project) WHERE n.search_key CONTAINS q RETURN n
  UNION ALL
  WITH q, types WHERE size(types) = 0 OR 'Scenario' IN types
  MATCH (n:Scenario) WHERE n.search_key CONTAINS q RETURN n
  UNION ALL
  WITH q, types WHERE size(types) = 0 OR 'Event' IN types
  MATCH (n:Event) WHERE n.search_key CONTAINS q RETURN n
}
WITH n, q, lower(n.name) AS lname, lower(coalesce(n.name_en, '')) AS len
WHERE lname CONTAINS q OR (len <> '' AND len CONTAINS q) OR any(a IN coalesce(n.aliases, []) WHERE lower(a) CONTAINS q)
RETURN labels(n)[0] AS label, n.id AS id, n.name AS name, n.aliases AS aliases,
       CASE WHEN lname = q OR (len <> '' AND len = q) THEN 0
            WHEN lname STARTS WITH q OR (len <> '' AND len STARTS WITH q) THEN 1 ELSE 2 END AS rank
ORDER BY rank, size(n.name), name, label, id
LIMIT $limit
