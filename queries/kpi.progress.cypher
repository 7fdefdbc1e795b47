// id: kpi.progress
// title_zh: 目标进度
// title_en: Targets and their published figures
// audience: planner
// description: Each of the plan's targets beside its published baseline (end of 2025) and latest value, with their dates and sources, and the progress the target's wording implies (stock, increment or per year); targets with no published figure say what was searched. What the dataset itself holds is a separate coverage count, never progress.
// description_zh: 行动方案的每项目标，对照公开的基线（2025年末）和最新值，附时点和来源，以及按目标表述（存量、增量或每年）推算的进度；没有公开数值的目标写明检索过什么。数据集自身收录的条目另作收录计数，绝不当作进度。
// shape: table
// postprocess: queries.kpi.kpi_progress_rows
MATCH (c:Clause)-[:SETS]->(t:Target)
RETURN t.id AS target_id, c.title AS clause, t.metric AS metric, t.phrase AS phrase, t.value AS value, t.unit AS unit,
       t.comparator AS comparator, t.period AS period, t.progress_basis AS basis,
       t.baseline AS baseline, t.baseline_as_of AS baseline_as_of, t.baseline_source AS baseline_source,
       t.baseline_read_at AS baseline_read_at, t.baseline_quote AS baseline_quote,
       t.latest AS latest, t.latest_as_of AS latest_as_of, t.latest_source AS latest_source,
       t.latest_read_at AS latest_read_at, t.latest_quote AS latest_quote,
       t.figure_note AS figure_note, t.figure_note_en AS figure_note_en, t.searched AS searched, t.searched_en AS searched_en,
       t.coverage_query AS coverage_query
ORDER BY c.number, target_id
