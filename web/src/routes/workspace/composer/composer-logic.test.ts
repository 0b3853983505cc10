import { describe, expect, it } from 'vitest';
import {
  htmlHasText,
  matchingColleagues,
  mentionQuery,
  pastedName,
  savedReplyHtml,
  textAsHtml,
  tooLarge,
} from './composer-logic.ts';

describe('composer logic', () => {
  it('fills the composer variables of a saved reply and escapes it', () => {
    const html = savedReplyHtml(
      'Bonjour {{prenom}},\n\nVotre ticket {{numero_ticket}} ({{numero_unique}}) <b>ok</b>\n{{signature}} {{inconnu}}',
      {
        prenom: 'Jeanne',
        numero_ticket: '1042',
        numero_unique: '044112112345678A9B',
        signature: 'Paul',
      },
    );
    expect(html).toBe(
      '<p>Bonjour Jeanne,</p><p>Votre ticket 1042 (044112112345678A9B) &#60;b&#62;ok&#60;/b&#62;<br>Paul {{inconnu}}</p>',
    );
    expect(textAsHtml('\n\n')).toBe('');
  });

  it('finds the @ query before the cursor, and the colleagues it names', () => {
    expect(mentionQuery('Voir avec @Cam')).toBe('Cam');
    expect(mentionQuery('@')).toBe('');
    expect(mentionQuery('ecrire a paul@example.org')).toBeNull();
    expect(mentionQuery('Voir avec @Camille puis')).toBeNull();
    const people = [{ name: 'Camille Durand' }, { name: 'Élodie Martin' }, { name: 'Paul Camus' }];
    expect(matchingColleagues(people, 'cam').map((p) => p.name)).toEqual([
      'Camille Durand',
      'Paul Camus',
    ]);
    expect(matchingColleagues(people, 'elo').map((p) => p.name)).toEqual(['Élodie Martin']);
  });

  it('tells empty editor HTML, oversize files and names pasted images', () => {
    expect(htmlHasText('<p></p>')).toBe(false);
    expect(htmlHasText('<p>&nbsp;</p>')).toBe(false);
    expect(htmlHasText('<ul><li>x</li></ul>')).toBe(true);
    expect(tooLarge(10 * 1024 * 1024 + 1)).toBe(true);
    expect(tooLarge(1024)).toBe(false);
    expect(pastedName('image/jpeg', 2)).toBe('image-collee-2.jpg');
  });
});
