/**
 * Writes an export of tickets (issue 21 §6) as it is read: CSV one line after
 * another, XLSX through exceljs's streaming workbook writer, both waiting for
 * the reader when it is slower (back-pressure), so memory stays flat on a
 * million tickets. The chosen columns in the asked order; `fields` opens one
 * column per classification field (fields of the same label in several
 * mailboxes share it).
 *
 * CSV: UTF-8 with a byte order mark, `;` (French spreadsheets), CRLF, RFC 4180
 * quoting, and any cell starting with `=`, `+`, `-`, `@`, a tab or a CR
 * prefixed with `'` so no spreadsheet evaluates it (OWASP's advice, as the
 * reports' CSV does). XLSX cells are typed strings, never formulas.
 */
import { once } from 'node:events';
import { PassThrough, Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ExportColumn } from '../../shared/export-contracts.ts';
import type { TicketStatusName } from '../../shared/workspace-contracts.ts';
import type { ExportField, ExportRow } from '../inbox/export-rows.ts';

const headers: Record<Exclude<ExportColumn, 'fields'>, string> = {
  number: 'Numéro',
  subject: 'Sujet',
  status: 'Statut',
  mailbox: 'Boîte',
  createdAt: 'Créé le',
  lastMessageAt: 'Dernier message',
  contactName: 'Contact',
  contactEmail: 'E-mail du contact',
  organisation: 'Organisation',
  assignee: 'Assigné à',
  tags: 'Étiquettes',
  dueAt: 'Échéance',
};

const statusLabels: Record<TicketStatusName, string> = {
  active: 'Actif',
  pending: 'En attente',
  closed: 'Fermé',
  spam: 'Spam',
};

type Cell = string | number | Date | null;

/** What an export writes: its columns, and the labels of its classification columns. */
export type ExportPlan = {
  columns: readonly ExportColumn[];
  /** Distinct field labels, in order; the field ids of each. */
  fieldLabels: string[];
  labelOf: Map<string, number>;
};

export function exportPlan(columns: readonly ExportColumn[], fields: ExportField[]): ExportPlan {
  const fieldLabels: string[] = [];
  const labelOf = new Map<string, number>();
  if (columns.includes('fields'))
    for (const field of fields) {
      let index = fieldLabels.indexOf(field.label);
      if (index < 0) index = fieldLabels.push(field.label) - 1;
      labelOf.set(field.id, index);
    }
  return { columns, fieldLabels, labelOf };
}

export const headerRow = (plan: ExportPlan): string[] =>
  plan.columns.flatMap((column) => (column === 'fields' ? plan.fieldLabels : [headers[column]]));

export function cellsOf(row: ExportRow, plan: ExportPlan): Cell[] {
  const out: Cell[] = [];
  for (const column of plan.columns) {
    if (column === 'fields') {
      const values: (string | null)[] = plan.fieldLabels.map(() => null);
      for (const [fieldId, label] of Object.entries(row.fields ?? {})) {
        const index = plan.labelOf.get(fieldId);
        if (index !== undefined) values[index] = label;
      }
      out.push(...values);
    } else if (column === 'status') out.push(statusLabels[row.status] ?? row.status);
    else out.push(row[column]);
  }
  return out;
}

const formulaStart = /^[=+\-@\t\r]/;
/** A text made inert for spreadsheets: `=1+1` → `'=1+1`. */
export const neutraliseFormula = (value: string): string =>
  formulaStart.test(value) ? `'${value}` : value;

const parisTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
});

/** A time as Paris's clocks show it, as the UTC time spreadsheets read (they have no time zones). */
function wallClock(date: Date): Date {
  const [day = '', time = ''] = parisTime.format(date).split(' ');
  return new Date(`${day}T${time}:00Z`);
}

function csvField(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = cell instanceof Date ? parisTime.format(cell) : neutraliseFormula(cell);
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

const csvLine = (cells: Cell[]) => `${cells.map(csvField).join(';')}\r\n`;

/** The export as CSV text, one page of rows per chunk. */
export function csvExport(pages: AsyncIterable<ExportRow[]>, plan: ExportPlan): Readable {
  async function* lines(): AsyncGenerator<string> {
    yield `\ufeff${csvLine(headerRow(plan))}`;
    for await (const page of pages) {
      let chunk = '';
      for (const row of page) chunk += csvLine(cellsOf(row, plan));
      yield chunk;
    }
  }
  return Readable.from(lines(), { objectMode: false });
}

async function drained(stream: Writable): Promise<void> {
  if (stream.writableNeedDrain) await once(stream, 'drain');
}

/** The export as an XLSX workbook (one sheet), streamed. */
export function xlsxExport(pages: AsyncIterable<ExportRow[]>, plan: ExportPlan): Readable {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Tickets');
  const dates = new Set<ExportColumn>(['createdAt', 'lastMessageAt', 'dueAt']);
  sheet.columns = plan.columns.flatMap((column) =>
    column === 'fields'
      ? plan.fieldLabels.map((label) => ({ header: label, width: 24 }))
      : dates.has(column)
        ? [{ header: headers[column], width: 18, style: { numFmt: 'yyyy-mm-dd hh:mm' } }]
        : [{ header: headers[column], width: column === 'subject' ? 48 : 20 }],
  );
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  (async () => {
    for await (const page of pages) {
      for (const row of page)
        sheet
          .addRow(cellsOf(row, plan).map((cell) => (cell instanceof Date ? wallClock(cell) : cell)))
          .commit();
      await drained(out);
    }
    sheet.commit();
    await workbook.commit();
  })().catch((error: unknown) =>
    out.destroy(error instanceof Error ? error : new Error(String(error))),
  );
  return out;
}
