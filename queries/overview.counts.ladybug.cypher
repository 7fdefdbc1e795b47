MATCH (n) WHERE label(n) <> '_Meta' RETURN label(n) AS label, count(*) AS n ORDER BY label
