import { describe, expect, it } from 'vitest';
import { otherEventLabel } from './event-labels.ts';
import { workspaceMessages } from './workspace-i18n.ts';

const lineItem = (text: string) => ({ action: { type: 'changed', text } });

describe('imported and unknown thread events in words', () => {
  it('says Help Scout line items again in French', () => {
    expect(otherEventLabel('helpscout.lineitem', lineItem('Marked as Closed'), 'fr')).toBe(
      'Statut : Fermé (historique Help Scout)',
    );
    expect(otherEventLabel('helpscout.lineitem', lineItem('Assigned to Anne Martin'), 'fr')).toBe(
      'Assigné à Anne Martin (historique Help Scout)',
    );
    expect(otherEventLabel('helpscout.lineitem', lineItem('Unassigned'), 'fr')).toBe(
      'Désassigné (historique Help Scout)',
    );
  });

  it('names an unusual line item, another import kind or an unknown type without its code', () => {
    for (const [type, data] of [
      ['helpscout.lineitem', lineItem('Workflow « x » ran')],
      ['helpscout.lineitem', {}],
      ['helpscout.lineitem', { action: { text: 42 } }],
      ['helpscout.forwardparent', {}],
      ['helpscout.somethingnew', {}],
      ['robot.did_something', {}],
    ] as const) {
      const label = otherEventLabel(type, data, 'fr');
      expect(label, type).not.toMatch(/helpscout\.|lineitem|robot|_/);
      expect(label.length, type).toBeGreaterThan(5);
    }
    expect(otherEventLabel('helpscout.lineitem', {}, 'fr')).toBe(
      'Modification du ticket (historique Help Scout)',
    );
  });

  it('is what the French thread shows for those events', () => {
    expect(workspaceMessages.fr.event('helpscout.lineitem', lineItem('Marked as Pending'))).toBe(
      'Statut : En attente (historique Help Scout)',
    );
  });
});
