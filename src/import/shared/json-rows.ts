/**
 * Rows passed to SQL as one JSON parameter and expanded there with
 * `json_to_recordset(…) as x(col type, …)`: one statement per table and batch,
 * the same on PGlite and on a PostgreSQL server.
 */
export const json = (rows: unknown[]): string => JSON.stringify(rows);
