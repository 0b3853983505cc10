/** One `/api/` route as the OpenAPI document describes it (route-docs*.ts, openapi.ts). */
import type { z } from 'zod';

export type RouteDoc = {
  summary: string;
  query?: z.ZodType;
  body?: z.ZodType;
  /** What the answer is when it is not JSON (a file, a stream). */
  produces?: string;
  /** Valid examples of the query and the body (openapi.test.ts checks them). */
  examples?: { query?: Record<string, unknown>; body?: unknown };
};
