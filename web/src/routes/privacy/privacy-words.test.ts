import { describe, expect, it } from 'vitest';
import { reasonsText, statusText, summaryText, traceText } from './privacy-words.ts';

describe('the privacy page in words', () => {
  it('says why a ticket was found in French, never by code', () => {
    expect(reasonsText(['address', 'author', 'contact'], 'fr')).toBe(
      'adresse d’un message, auteur d’un message, contact du ticket',
    );
    expect(reasonsText(['zzz_new'], 'fr')).toBe('autre');
  });

  it('names statuses, summaries and traces in French', () => {
    expect(statusText('active', 'fr')).toBe('Actif');
    expect(statusText('spam', 'fr')).toBe('Indésirable');
    expect(summaryText({ tickets: 3, contacts: 1, blobsRemoved: 2, weird_key: 4 }, 'fr')).toBe(
      '3 tickets, 1 contacts, 2 fichiers supprimés, 4 autres',
    );
    expect(summaryText({}, 'fr')).toBe('—');
    expect(traceText('users', 2, 'fr')).toBe('Comptes utilisateurs : 2 ligne(s)');
    expect(traceText('mailbox_addresses', 1, 'fr')).toBe('Configuration : 1 ligne(s)');
  });
});
