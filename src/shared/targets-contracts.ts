/**
 * Response targets (issue 18): what a mailbox promises, as the API reads and
 * writes it. Durations travel in minutes; the server stores seconds.
 */
import { z } from 'zod';

export const dueKinds = ['first_response', 'next_response', 'resolution'] as const;
export const dueKindSchema = z.enum(dueKinds);
export type DueKind = z.infer<typeof dueKindSchema>;

/** A year, in minutes: the longest duration a target may set. */
const maxMinutes = 366 * 24 * 60;
const minutes = z.number().int().min(1).max(maxMinutes).nullable();

/** The promise of a target version (what changes create a new version). */
export const targetTermsSchema = z
  .strictObject({
    firstResponseMinutes: minutes,
    nextResponseMinutes: minutes,
    resolutionMinutes: minutes,
    businessHours: z.boolean(),
    /** The assignee is warned this long before a due time (0: when it is missed only). */
    warnBeforeMinutes: z
      .number()
      .int()
      .min(0)
      .max(7 * 24 * 60),
  })
  .refine(
    (t) =>
      t.firstResponseMinutes !== null ||
      t.nextResponseMinutes !== null ||
      t.resolutionMinutes !== null,
    { message: 'at least one duration' },
  );
export type TargetTerms = z.infer<typeof targetTermsSchema>;

/** A new target: its mailbox and narrowing (fixed), and its first terms. */
export const createTargetSchema = z
  .strictObject({
    mailboxId: z.uuid(),
    /** Narrowed to tickets with this field value. */
    fieldValueId: z.uuid().nullable().default(null),
    /** Narrowed to tickets whose organisation has this partner type. */
    organisationTypeValueId: z.uuid().nullable().default(null),
    terms: targetTermsSchema,
  })
  .refine((t) => t.fieldValueId === null || t.organisationTypeValueId === null, {
    message: 'one narrowing at most',
  });
export type CreateTargetInput = z.infer<typeof createTargetSchema>;

/** A change of a target's terms: a new version, for tickets opened from now on. */
export const updateTargetSchema = z.strictObject({ terms: targetTermsSchema });

export type TargetVersionDto = TargetTerms & {
  id: number;
  validFrom: string;
  removed: boolean;
  createdBy: string | null;
};

export type ResponseTargetDto = {
  id: string;
  mailboxId: string;
  mailboxName: string;
  fieldValueId: string | null;
  /** The narrowing as the screen names it ("Type de partenaire : Bailleur social"), or null. */
  narrowingLabel: string | null;
  organisationTypeValueId: string | null;
  /** The version in force now (null: removed). */
  current: TargetVersionDto | null;
  /** Every version, newest first. */
  versions: TargetVersionDto[];
};

/** What a target may be narrowed by, per mailbox (field values) and for all (organisation types). */
export type TargetOptionsDto = {
  mailboxes: {
    id: string;
    name: string;
    fields: { label: string; values: { id: string; label: string }[] }[];
  }[];
  organisationTypes: { id: string; label: string }[];
};

export type ResponseTargetListDto = { targets: ResponseTargetDto[]; options: TargetOptionsDto };

/** A ticket's due time as the list and the ticket show it. */
export const ticketDueSchema = z.object({ at: z.string(), kind: dueKindSchema });
export type TicketDueDto = z.infer<typeof ticketDueSchema>;
