import type { RuleOptionsDto } from '@shared/automation-contracts.ts';
import { ruleActionSchema, ruleConditionSchema } from '@shared/automation-contracts.ts';
import { describe, expect, it } from 'vitest';
import {
  conditionKinds,
  moved,
  newAction,
  newCondition,
  ruleActionKinds,
  triggerText,
} from './rule-form.ts';

const options: RuleOptionsDto = {
  mailboxes: [{ id: '00000000-0000-4000-8000-000000000001', name: 'Partenaires' }],
  fields: [
    {
      id: '00000000-0000-4000-8000-000000000002',
      label: 'Type de partenaire',
      mailboxId: '00000000-0000-4000-8000-000000000001',
      values: [{ id: '00000000-0000-4000-8000-000000000003', label: 'Bailleur social' }],
    },
  ],
  partnerTypes: [],
  organisations: [],
  agents: [{ id: '00000000-0000-4000-8000-000000000004', name: 'Agathe' }],
  savedReplies: [{ id: '00000000-0000-4000-8000-000000000005', name: 'Merci', mailboxId: null }],
};

describe('the rule form', () => {
  it('moves a rule up or down, never past the ends', () => {
    expect(moved(['a', 'b', 'c'], 1, -1)).toEqual(['b', 'a', 'c']);
    expect(moved(['a', 'b', 'c'], 1, 1)).toEqual(['a', 'c', 'b']);
    expect(moved(['a', 'b'], 0, -1)).toEqual(['a', 'b']);
  });

  it('starts each action of a rule valid where the options allow it', () => {
    for (const kind of ruleActionKinds)
      expect(ruleActionSchema.safeParse(newAction(kind, options)).success, kind).toBe(
        kind !== 'tag', // an empty tag waits for its name
      );
  });

  it('starts conditions of the right kind (lists are filled by the supervisor)', () => {
    for (const kind of conditionKinds) expect(newCondition(kind, options).kind).toBe(kind);
    expect(ruleConditionSchema.safeParse(newCondition('mailbox', options)).success).toBe(true);
  });

  it('says a trigger in words', () => {
    const m = {
      triggers: { pending: 'Le ticket est en attente depuis…', field_changed: 'Un champ change' },
    } as Parameters<typeof triggerText>[1];
    expect(triggerText({ type: 'pending', days: 3 }, m, options)).toBe(
      'Le ticket est en attente depuis… 3 j',
    );
    expect(
      triggerText(
        { type: 'field_changed', fieldId: '00000000-0000-4000-8000-000000000002' },
        m,
        options,
      ),
    ).toBe('Un champ change : Type de partenaire');
  });
});
