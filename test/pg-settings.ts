/** Where the test suites find the PostgreSQL server, whether they must, and how they act on it as admin. */
import pg from 'pg';

export const adminUrl = (): string =>
  process.env.GUICHET_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const pgRequired = (): boolean =>
  process.env.CI === 'true' || process.env.GUICHET_TEST_REQUIRE_PG === '1';

/** One template per test run, so two runs on one machine do not collide. */
export const templateName = (): string => `guichet_tpl_${process.pid}`;

/** The run's template holding the seed-shaped fixture (seeded-template.ts). */
export const seededTemplateName = (template: string): string => `${template}_seed`;

/** Runs one statement on the server's `postgres` database (create/drop test databases, checks). */
export async function adminQuery<T extends pg.QueryResultRow>(
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}
