/**
 * The part of a Help Scout Mailbox API 2.0 conversation object the import reads
 * (https://developer.helpscout.com/mailbox-api/endpoints/conversations/get/),
 * threads embedded (`embed=threads`):
 *
 *   { "id": 123, "number": 42, "subject": "…", "status": "closed", "state": "published",
 *     "mailboxId": 7, "createdAt": "2020-03-02T09:15:00Z", "closedAt": "…",
 *     "primaryCustomer": { "id": 9, "email": "…", "first": "…", "last": "…" },
 *     "assignee": { "id": 3, "email": "…" }, "tags": [{ "id": 1, "tag": "…" }],
 *     "customFields": [{ "id": 5, "name": "Module", "value": "17", "text": "Demande" }],
 *     "_embedded": { "threads": [{ "id": 1001, "type": "reply", "state": "published",
 *       "createdAt": "…", "createdBy": { "type": "user", "email": "…" }, "body": "<p>…</p>",
 *       "rating": { "rating": "great", "comments": "…", "createdAt": "…" },
 *       "_embedded": { "attachments": [{ "id": 1, "filename": "…", "mimeType": "…", "size": 1 }] } }] } }
 *
 * Unknown keys are ignored; a wrong type on a key read here rejects the record.
 */
import { z } from 'zod';

/** Help Scout ids are integers; exports written by other tools sometimes quote them. */
const helpScoutId = z
  .union([
    z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER),
    z.string().regex(/^\d{1,18}$/),
  ])
  .transform(String);

const text = (max: number) => z.string().max(max).nullish();

const personSchema = z
  .object({
    id: z.union([z.number(), z.string()]).nullish(),
    type: text(50),
    email: text(1000),
    first: text(300),
    last: text(300),
  })
  .nullish();

const attachmentSchema = z.object({
  id: z.union([z.number(), z.string()]).nullish(),
  filename: text(1000),
  mimeType: text(300),
  size: z.number().nullish(),
});

export const threadSchema = z.object({
  id: helpScoutId,
  type: z.string().min(1).max(50),
  state: text(50),
  createdAt: z.string().min(1).max(100),
  createdBy: personSchema,
  body: z.string().nullish(),
  to: z.array(z.string().max(1000)).max(1000).nullish(),
  cc: z.array(z.string().max(1000)).max(1000).nullish(),
  action: z
    .object({ type: text(100), text: text(10_000) })
    .loose()
    .nullish(),
  rating: z
    .object({
      rating: z.enum(['great', 'okay', 'not_good']),
      comments: text(100_000),
      comment: text(100_000),
      createdAt: text(100),
    })
    .nullish(),
  _embedded: z.object({ attachments: z.array(attachmentSchema).max(1000).nullish() }).nullish(),
});

export const conversationSchema = z.object({
  id: helpScoutId,
  number: z.number().int().positive().max(Number.MAX_SAFE_INTEGER).nullish(),
  subject: text(100_000),
  status: z.enum(['active', 'pending', 'closed', 'spam']),
  state: z.enum(['published', 'deleted', 'draft']).nullish(),
  mailboxId: helpScoutId.nullish(),
  mailbox: z.object({ id: helpScoutId.nullish(), name: text(300) }).nullish(),
  createdAt: z.string().min(1).max(100),
  closedAt: text(100),
  userUpdatedAt: text(100),
  primaryCustomer: personSchema,
  customer: personSchema,
  assignee: personSchema,
  tags: z
    .array(z.union([z.string().max(100), z.object({ tag: text(100), name: text(100) })]))
    .max(1000)
    .nullish(),
  customFields: z
    .array(
      z.object({
        id: z.union([z.number(), z.string()]).nullish(),
        name: z.string().max(300),
        value: z.union([z.string(), z.number()]).nullish(),
        text: text(1000),
      }),
    )
    .max(1000)
    .nullish(),
  _embedded: z.object({ threads: z.array(threadSchema).max(100_000) }),
});

export type Conversation = z.infer<typeof conversationSchema>;
export type Thread = z.infer<typeof threadSchema>;

/** The first few validation issues, as one line for the error report. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
    .join('; ');
}
