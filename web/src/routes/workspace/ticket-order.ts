/**
 * The order of the last inbox list (ticket numbers, as in the addresses
 * `/tickets/27474`), so j/k on a ticket screen go to the next and previous
 * ticket, and the list to go back to (and to show beside the ticket).
 */
let order: number[] = [];
let listHref = '/inbox';

export function setTicketOrder(numbers: number[], href: string): void {
  order = numbers;
  listHref = href;
}

export function neighbourTicket(number: number, step: 1 | -1): number | null {
  const index = order.indexOf(number);
  if (index < 0) return null;
  return order[index + step] ?? null;
}

export const lastListHref = (): string => listHref;
