import { describe, expect, it } from 'vitest';
import { lastListHref, neighbourTicket, setTicketOrder } from './ticket-order.ts';

describe('the order of the last inbox list', () => {
  it('gives the next and previous ticket of the list', () => {
    setTicketOrder([30, 10, 20], '/inbox?folder=mine');
    expect(neighbourTicket(10, 1)).toBe(20);
    expect(neighbourTicket(10, -1)).toBe(30);
  });

  it('gives nothing past either end, nor for a ticket not in the list', () => {
    setTicketOrder([30, 10, 20], '/inbox');
    expect(neighbourTicket(20, 1)).toBeNull();
    expect(neighbourTicket(30, -1)).toBeNull();
    expect(neighbourTicket(99, 1)).toBeNull();
  });

  it('remembers the list to go back to, replaced by the next list', () => {
    setTicketOrder([1], '/inbox?folder=closed&q=x');
    expect(lastListHref()).toBe('/inbox?folder=closed&q=x');
    setTicketOrder([2, 3], '/inbox?folder=mine');
    expect(lastListHref()).toBe('/inbox?folder=mine');
    expect(neighbourTicket(1, 1)).toBeNull();
    expect(neighbourTicket(2, 1)).toBe(3);
  });
});
