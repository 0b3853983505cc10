/** Where the test suite finds the PostgreSQL server, and whether it must. */
export const adminUrl = (): string =>
  process.env.GUICHET_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const pgRequired = (): boolean =>
  process.env.CI === 'true' || process.env.GUICHET_TEST_REQUIRE_PG === '1';

/** One template per test run, so two runs on one machine do not collide. */
export const templateName = (): string => `guichet_tpl_${process.pid}`;
