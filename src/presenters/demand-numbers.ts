/** A ticket's numéros uniques → the API's `DemandNumbersDto`. */
import type { DemandNumbers } from '../domain/inbox/same-demand.ts';
import type { DemandNumbersDto } from '../shared/demand-number-contracts.ts';

export function presentDemandNumbers(view: DemandNumbers): DemandNumbersDto {
  return {
    numbers: view.numbers.map((n) => ({ numero: n.numero, source: n.source })),
    sameDemand: view.sameDemand.map((t) => ({
      id: t.id,
      number: t.number,
      subject: t.subject,
      status: t.status,
      mailboxName: t.mailboxName,
      createdAt: t.createdAt.toISOString(),
      numero: t.numero,
    })),
  };
}
