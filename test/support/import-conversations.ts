/** A minimal valid Help Scout conversation for tests, with overridable parts (synthetic data). */
export function conversation(
  id: number,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    number: id,
    subject: `Sujet ${id}`,
    status: 'closed',
    state: 'published',
    mailboxId: 101,
    createdAt: '2020-03-02T09:00:00Z',
    primaryCustomer: {
      id: 1,
      email: `client.${id}@bailleur.example.org`,
      first: 'Camille',
      last: 'Test',
    },
    customFields: [{ id: 1, name: 'Département', text: '44' }],
    _embedded: {
      threads: [
        {
          id: id * 10 + 2,
          type: 'reply',
          createdAt: '2020-03-02T09:30:00Z',
          createdBy: { type: 'user', email: 'agent@example.org' },
          body: '<p>Réponse</p>',
        },
        {
          id: id * 10 + 1,
          type: 'customer',
          createdAt: '2020-03-02T09:00:00Z',
          createdBy: { type: 'customer', email: `client.${id}@bailleur.example.org` },
          body: '<p>Question</p>',
        },
      ],
    },
    ...overrides,
  };
}

/** One JSON Lines line. */
export const line = (value: unknown): string => JSON.stringify(value);
