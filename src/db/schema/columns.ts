/** Column shapes shared by the table types of every area (what Kysely reads, inserts, updates). */
import type { ColumnType } from 'kysely';

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type Json<T = unknown> = ColumnType<T, string | T, string | T>;
export type TextArray = ColumnType<string[], string[] | undefined, string[]>;
