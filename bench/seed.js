// Fills a Vigil database with `issues` issues and `events` events of one project, in SQL
// (generate_series), in seconds: the events spread over the last 8 weeks (their weekly partitions
// are created first), each issue with hourly counts and tag values. Every seeded event carries
// the payload of a real stored event, so the issue page renders it.
// `node bench/seed.js <DATABASE_URL> <projectId> [issues] [events]` or `seed(db, …)` from a bench.
import pg from 'pg';

const WEEK_MS = 7 * 24 * 3600 * 1000;

function weekStart(at) {
  const day = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 24 * 3600 * 1000);
}

export async function seed(db, projectId, { issues = 100_000, events = 1_000_000 } = {}) {
  const started = performance.now();
  const [{ payload, tags, message } = {}] = (await db.query('SELECT payload, tags, message FROM event WHERE project_id = $1 LIMIT 1', [projectId])).rows;
  if (!payload) throw new Error('seed needs one real stored event of the project (send some first)');
  for (let from = weekStart(new Date(Date.now() - 8 * WEEK_MS)); from <= new Date(); from = new Date(from.getTime() + WEEK_MS)) {
    const name = `event_p${from.toISOString().slice(0, 10).replace(/-/g, '')}`;
    const to = new Date(from.getTime() + WEEK_MS);
    const exists = (await db.query('SELECT 1 FROM pg_class WHERE relname = $1', [name])).rows.length > 0;
    if (!exists) await db.query(`CREATE TABLE ${name} PARTITION OF event FOR VALUES FROM ('${from.toISOString()}') TO ('${to.toISOString()}')`);
  }
  const [{ first }] = (
    await db.query(
      `UPDATE project SET issue_counter = issue_counter + $2 WHERE id = $1 RETURNING issue_counter - $2 + 1 AS first`,
      [projectId, issues],
    )
  ).rows;
  const { rows } = await db.query(
    `WITH inserted AS (INSERT INTO issue (project_id, short_id_number, title, culprit, level, platform, metadata, status, substatus, first_seen, last_seen, times_seen, user_count)
     SELECT $1, $2 + g, 'SeededError ' || g, 'seed/module' || (g % 100) || '.js', 'error', 'node', jsonb_build_object('type', 'SeededError', 'value', 'seeded ' || g),
            'unresolved', 'ongoing', now() - interval '56 days' + (g % 1000) * interval '1 minute', now() - (g % 5000) * interval '10 minutes', $3::int / $4::int, 1
       FROM generate_series(0, $4 - 1) AS g
     RETURNING id)
     SELECT min(id) AS lo, max(id) AS hi FROM inserted`,
    [projectId, first, events, issues],
  );
  const { lo, hi } = rows[0];
  await db.query(
    `INSERT INTO group_hash (project_id, hash, issue_id, grouping_config) SELECT $1, md5('seed' || i), i, 'seed' FROM generate_series($2::int, $3::int) AS i`,
    [projectId, lo, hi],
  );
  await db.query(
    `INSERT INTO issue_hourly_count (issue_id, hour, count) SELECT i, date_trunc('hour', now() - (i % 48) * interval '1 hour'), $3::int / ($2::int - $1::int + 1)
       FROM generate_series($1::int, $2::int) AS i`,
    [lo, hi, events],
  );
  await db.query(
    `INSERT INTO issue_tag_value (issue_id, key, value, times_seen, first_seen, last_seen)
     SELECT i, k, k || '-' || (i % 10), 1, now() - interval '1 day', now() FROM generate_series($1::int, $2::int) AS i, unnest(ARRAY['environment', 'release']) AS k`,
    [lo, hi],
  );
  await db.query(
    `INSERT INTO event (project_id, issue_id, event_id, timestamp, received_at, release, environment, hashes, grouping_config, tags, message, payload)
     SELECT $1, $2 + (g % ($3::int - $2::int + 1)), md5('seed-event' || g), t, t, 'web@1.0.0', 'production', ARRAY[md5('seed' || g)], 'seed', $6, $7, $5
       FROM generate_series(0, $4 - 1) AS g, LATERAL (SELECT now() - (g % 80000) * interval '1 minute' AS t) AS at`,
    [projectId, lo, hi, events, payload, JSON.stringify(tags), message],
  );
  // A database this size has long been vacuumed and checkpointed: measure it in that state, not
  // while autovacuum and the checkpointer are still working through what the seed just wrote.
  await db.query('VACUUM (ANALYZE)');
  await db.query('CHECKPOINT');
  return { issues, events, seconds: (performance.now() - started) / 1000 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [url, projectId, issues, events] = process.argv.slice(2);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const result = await seed(db, Number(projectId), { issues: Number(issues ?? 100_000), events: Number(events ?? 1_000_000) });
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await db.end();
}
