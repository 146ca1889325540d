// A large broker history for the benchmark, written in bulk with SQL (set-based inserts take seconds;
// going through the API would take many minutes). The shape follows what the API stores; at scale 1:
//
//   10 consumers x 1,000 versions (on main, every 10th on its own feature branch, every 100th tagged prod)
//   10 providers x 1,000 versions (on main)
//   50 integrations (each consumer has 5 providers): 50,000 pact publications. On main the content
//   changes every 5 consumer versions (10,000 pact versions, so deduplication matters); each feature
//   branch has content of its own (5,000 more)
//   100,000 verification results of the main-branch pacts (each verified by the 10 provider versions
//   that followed it, 1 in 10 failing), and 2 of each feature pact older than 30 days: the newer ones
//   are unverified, so they are work in progress
//   environments test and production; each pacticipant's deployment history there (the 955th current)
//
// Scale N multiplies the consumers and providers (so versions, integrations, publications and
// verifications) by N, keeping each pacticipant's own history as deep: at 10, 100,000 consumer and
// 100,000 provider versions, 500 integrations and a million verification results.
import pg from 'pg';

export interface HistoryShape {
  consumers: number;
  providers: number;
  versionsPerPacticipant: number;
  providersPerConsumer: number;
  versionsPerContent: number;
  verificationsPerPactVersion: number;
}

export const shapeAt = (scale: number): HistoryShape => ({
  consumers: 10 * scale,
  providers: 10 * scale,
  versionsPerPacticipant: 1000,
  providersPerConsumer: 5,
  versionsPerContent: 5,
  verificationsPerPactVersion: 10,
});

/** Writes the history of `shape` (the clean-up benchmark uses a deeper one: 100,000 versions). */
export async function seedHistory(client: pg.Client, shape: HistoryShape): Promise<Record<string, number>> {
  const {
    consumers,
    providers,
    versionsPerPacticipant: n,
    providersPerConsumer,
    versionsPerContent,
    verificationsPerPactVersion,
  } = shape;
  await client.query('BEGIN');
  await client.query(`
    INSERT INTO pacticipants (name, main_branch)
    SELECT 'Consumer' || c, 'main' FROM generate_series(1, ${consumers}) c
    UNION ALL SELECT 'Provider' || p, 'main' FROM generate_series(1, ${providers}) p`);

  // Versions, oldest first, created over the past year.
  await client.query(`
    INSERT INTO versions (pacticipant_id, number, created_at, updated_at)
    SELECT p.id, CASE WHEN p.name LIKE 'Consumer%' THEN '1.0.' ELSE '2.0.' END || i,
           now() - interval '365 days' + (i * interval '365 days' / ${n}), now()
    FROM pacticipants p CROSS JOIN generate_series(1, ${n}) i ORDER BY i, p.id`);

  await client.query(`
    INSERT INTO branches (pacticipant_id, name, created_at)
    SELECT DISTINCT v.pacticipant_id,
           CASE WHEN split_part(v.number, '.', 3)::int % 10 = 0 THEN 'feature-' || split_part(v.number, '.', 3) ELSE 'main' END,
           now() - interval '366 days'
    FROM versions v`);
  await client.query(`
    INSERT INTO branch_versions (branch_id, version_id, pacticipant_id, branch_name, created_at)
    SELECT b.id, v.id, v.pacticipant_id, b.name, v.created_at FROM versions v
    JOIN branches b ON b.pacticipant_id = v.pacticipant_id
     AND b.name = CASE WHEN split_part(v.number, '.', 3)::int % 10 = 0 THEN 'feature-' || split_part(v.number, '.', 3) ELSE 'main' END`);
  await client.query(`
    INSERT INTO tags (version_id, name, pacticipant_id, created_at)
    SELECT v.id, 'prod', v.pacticipant_id, v.created_at FROM versions v WHERE split_part(v.number, '.', 3)::int % 100 = 0`);

  await client.query(`
    INSERT INTO integrations (consumer_id, provider_id)
    SELECT c.id, pr.id FROM generate_series(1, ${consumers}) ci CROSS JOIN generate_series(0, ${providersPerConsumer - 1}) k
    JOIN pacticipants c ON c.name = 'Consumer' || ci
    JOIN pacticipants pr ON pr.name = 'Provider' || (((ci - 1 + k) % ${providers}) + 1)`);

  // One content per (integration, group of main versions) and per feature version; the text is a small
  // pact like the API stores. `g` names the content: a group number, or 'f' and the version number.
  await client.query(`
    INSERT INTO pact_versions (consumer_id, provider_id, sha, content, interactions_count, messages_count, created_at)
    SELECT i.consumer_id, i.provider_id, encode(sha256((i.consumer_id || '-' || i.provider_id || '-' || g.key)::bytea), 'hex'),
           json_build_object('consumer', json_build_object('name', c.name), 'provider', json_build_object('name', pr.name),
             'interactions', json_build_array(json_build_object('_id', md5(g.key), 'description', 'request ' || g.key,
               'request', json_build_object('method', 'GET', 'path', '/things/' || g.key), 'response', json_build_object('status', 200))),
             'metadata', json_build_object('pactSpecification', json_build_object('version', '2.0.0')))::text,
           1, 0, now() - interval '365 days' + (g.at * interval '365 days' / ${n})
    FROM integrations i JOIN pacticipants c ON c.id = i.consumer_id JOIN pacticipants pr ON pr.id = i.provider_id
    CROSS JOIN (SELECT grp::text AS key, grp * ${versionsPerContent} AS at FROM generate_series(0, ${n / versionsPerContent - 1}) grp
                UNION ALL SELECT 'f' || f, f FROM generate_series(10, ${n}, 10) f) g`);
  await client.query(`
    INSERT INTO pact_publications (consumer_version_id, consumer_id, provider_id, pact_version_id, created_at)
    SELECT v.id, i.consumer_id, i.provider_id, pv.id, v.created_at
    FROM integrations i JOIN versions v ON v.pacticipant_id = i.consumer_id
    JOIN pact_versions pv ON pv.consumer_id = i.consumer_id AND pv.provider_id = i.provider_id
     AND pv.sha = encode(sha256((i.consumer_id || '-' || i.provider_id || '-' || CASE WHEN split_part(v.number, '.', 3)::int % 10 = 0
           THEN 'f' || split_part(v.number, '.', 3)
            ELSE ((split_part(v.number, '.', 3)::int - 1) / ${versionsPerContent})::text END)::bytea), 'hex')`);

  // Each main-branch pact version is verified by the provider versions that followed its publication;
  // feature pacts only when older than 30 days.
  await client.query(`
    INSERT INTO verifications (number, pact_version_id, provider_version_id, consumer_id, provider_id, success, created_at)
    SELECT j + 1, pv.id, prv.id, pv.consumer_id, pv.provider_id, (pv.id + j) % 10 <> 0,
           prv.created_at + interval '1 minute'
    FROM pact_versions pv
    CROSS JOIN LATERAL generate_series(0, CASE WHEN pv.content NOT LIKE '%"request f%' THEN ${verificationsPerPactVersion - 1}
                                              WHEN pv.created_at < now() - interval '30 days' THEN 1 ELSE -1 END) j
    JOIN LATERAL (SELECT id, created_at FROM versions WHERE pacticipant_id = pv.provider_id
                  AND number = '2.0.' || LEAST(${n}, GREATEST(1,
                     ((extract(epoch FROM pv.created_at - (now() - interval '365 days')) / 31536000) * ${n})::int + j))
                 ) prv ON true`);

  await client.query(`
    INSERT INTO environments (uuid, name, display_name, production) VALUES
      (gen_random_uuid(), 'test', 'Test', false), (gen_random_uuid(), 'production', 'Production', true)`);
  // Every 50th main-branch version (5, 55, ... 955) was deployed to each environment; all but the newest
  // were later undeployed.
  await client.query(`
    INSERT INTO deployed_versions (uuid, version_id, pacticipant_id, environment_id, application_instance, undeployed_at, created_at)
    SELECT gen_random_uuid(), v.id, v.pacticipant_id, e.id, '',
           CASE WHEN split_part(v.number, '.', 3)::int = ${n - 45} THEN NULL ELSE v.created_at + interval '1 day' END, v.created_at
    FROM versions v CROSS JOIN environments e WHERE split_part(v.number, '.', 3)::int % 50 = 5 AND split_part(v.number, '.', 3)::int <= ${n - 45}`);
  await client.query('COMMIT');
  await client.query('ANALYZE');

  const counts: Record<string, number> = {};
  for (const table of [
    'pacticipants',
    'versions',
    'branch_versions',
    'integrations',
    'pact_versions',
    'pact_publications',
    'verifications',
    'deployed_versions',
  ]) {
    counts[table] = Number((await client.query<{ count: string }>(`SELECT count(*) FROM ${table}`)).rows[0]!.count);
  }
  return counts;
}
