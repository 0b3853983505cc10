/** The delivery log of a subscription (issue 21 §3): its newest attempts, with their message. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type WebhookAttemptRow = {
  id: number;
  at: Date;
  delivery_id: number;
  type: string;
  ticket_number: number | null;
  status_code: number | null;
  duration_ms: number;
  error: string | null;
  delivery_status: 'pending' | 'delivered' | 'failed';
};

export async function webhookLog(
  db: Kysely<DB>,
  webhookId: string,
  limit = 100,
): Promise<WebhookAttemptRow[]> {
  return db
    .selectFrom('webhook_attempts as a')
    .innerJoin('webhook_deliveries as d', 'd.id', 'a.delivery_id')
    .leftJoin('tickets as t', 't.id', 'd.ticket_id')
    .select([
      'a.id',
      'a.at',
      'a.delivery_id',
      'd.type',
      't.number as ticket_number',
      'a.status_code',
      'a.duration_ms',
      'a.error',
      'd.status as delivery_status',
    ])
    .where('a.webhook_id', '=', webhookId)
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}
