/**
 * The shape of a report's numbers as JSON (issue 3), produced by
 * src/reports/render/render-json.ts and read by the web app and other tools:
 * counts only, no rounding, no formatting.
 */

export type MailboxJson = {
  tickets: number;
  months: number[];
  replies: number;
  firstResponse: { responded: number; under1h: number; under2h: number; under24h: number };
  ratings: { great: number; okay: number; notGood: number };
  by: Record<string, Record<string, number>>;
};

export type ReportJson = {
  period: { from: string; to: string; label: string };
  mailboxes: Record<string, MailboxJson>;
  previous: {
    period: { from: string; to: string; label: string };
    mailboxes: Record<string, MailboxJson>;
  };
  evolution: Record<string, number>[];
  clock: string;
  generatedAt: string;
  /**
   * "Respect des objectifs de réponse" (issue 18 §6), only when the report asks for it:
   * per mailbox slug, tickets measured against a first-response target and within it,
   * per month and for the period and the previous one.
   */
  targets?: Record<string, TargetsJson>;
};

export type TargetsJson = {
  months: { month: string; measured: number; within: number }[];
  current: { measured: number; within: number };
  previous: { measured: number; within: number };
};
