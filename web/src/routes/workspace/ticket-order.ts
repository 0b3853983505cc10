/** The order of the last inbox list, so j/k on a ticket screen go to the next and previous ticket. */
let order: number[] = [];
let listHref = '/inbox';

export function setTicketOrder(ids: number[], href: string): void {
  order = ids;
  listHref = href;
}

export function neighbourTicket(id: number, step: 1 | -1): number | null {
  const index = order.indexOf(id);
  if (index < 0) return null;
  return order[index + step] ?? null;
}

export const lastListHref = (): string => listHref;
