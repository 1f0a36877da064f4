SELECT e.id AS "dbId", e.slug, e.name, e.kind, e.start_date AS "startDate", e.participant_count AS "participantCount", COALESCE(e.start_date, '0001-01-01') AS k1 FROM event e WHERE e.merged_into_id IS NULL ORDER BY COALESCE(e.start_date, '0001-01-01') DESC, e.id DESC LIMIT ?;
SELECT COALESCE(SUM(u.n), 0) AS n FROM (SELECT t.kind, t.n FROM event_tally_kind t) u;
