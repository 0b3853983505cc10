import { describe, expect, it } from 'vitest';
import { normalizeSubject } from './thread-mail.ts';

describe('reply and forward prefixes are stripped when subjects are compared (issue 16 §10)', () => {
  it.each([
    ['AW: Accès bloqué', 'accès bloqué'],
    ['Antw: Accès bloqué', 'accès bloqué'],
    ['RE : Accès bloqué', 'accès bloqué'],
    ['TR: Accès bloqué', 'accès bloqué'],
    ['Fwd: Accès bloqué', 'accès bloqué'],
    ['FW: Accès bloqué', 'accès bloqué'],
    ['Re: RE : TR: AW: Antw: Fwd: Accès bloqué', 'accès bloqué'],
    ['Re[3]: Re : re:Accès bloqué', 'accès bloqué'],
    ['SV: VS: RV: ENC: Odp: Accès bloqué', 'accès bloqué'],
  ])('%s', (subject, expected) => {
    expect(normalizeSubject(subject)).toBe(expected);
  });

  it('keeps words that only look like prefixes', () => {
    expect(normalizeSubject('Retour: dossier')).toBe('retour: dossier');
    expect(normalizeSubject('Antwerpen')).toBe('antwerpen');
    expect(normalizeSubject('Trop de demandes')).toBe('trop de demandes');
  });
});
