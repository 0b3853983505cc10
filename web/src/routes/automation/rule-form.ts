/**
 * The rule and macro forms' pure logic: a new condition or action of a kind with its
 * first sensible values, the empty rule, a rule's trigger in words. No React.
 */
import type {
  MacroAction,
  RuleAction,
  RuleCondition,
  RuleInput,
  RuleOptionsDto,
  RuleTrigger,
} from '@shared/automation-contracts.ts';
import type { AutomationMessages } from './automation-i18n.ts';

export const emptyRule = (): RuleInput => ({
  name: '',
  enabled: false,
  trigger: { type: 'ticket_opened' },
  conditions: [],
  actions: [{ kind: 'tag', tag: '' }],
  stop: false,
});

export const conditionKinds: RuleCondition['kind'][] = [
  'mailbox',
  'channel',
  'senderDomain',
  'senderAddress',
  'organisationType',
  'organisation',
  'field',
  'words',
  'pattern',
  'businessHours',
  'status',
];

export function newCondition(kind: RuleCondition['kind'], options: RuleOptionsDto): RuleCondition {
  switch (kind) {
    case 'mailbox':
      return { kind, in: options.mailboxes.slice(0, 1).map((m) => m.id) };
    case 'channel':
      return { kind, in: ['email'] };
    case 'status':
      return { kind, in: ['active'] };
    case 'senderAddress':
    case 'senderDomain':
      return { kind, in: [] };
    case 'organisation':
      return { kind, in: [] };
    case 'organisationType':
      return { kind, in: [] };
    case 'field':
      return { kind, fieldId: options.fields[0]?.id ?? '', in: [] };
    case 'words':
      return { kind, where: 'both', words: [], match: 'any' };
    case 'pattern':
      return { kind, where: 'both', pattern: '' };
    case 'businessHours':
      return { kind, open: false };
  }
}

export type AnyActionKind = RuleAction['kind'] | MacroAction['kind'];
export type AnyAction = RuleAction | MacroAction;

export const ruleActionKinds: RuleAction['kind'][] = [
  'setField',
  'roundRobin',
  'assign',
  'tag',
  'status',
  'reply',
  'notify',
];
export const macroActionKinds: MacroAction['kind'][] = [
  'reply',
  'setField',
  'tag',
  'status',
  'assignSelf',
  'assign',
];

export function newAction(kind: AnyActionKind, options: RuleOptionsDto): AnyAction {
  switch (kind) {
    case 'assign':
      return { kind, userId: options.agents[0]?.id ?? null };
    case 'assignSelf':
    case 'roundRobin':
      return { kind };
    case 'setField': {
      const field = options.fields[0];
      return { kind, fieldId: field?.id ?? '', valueId: field?.values[0]?.id ?? null };
    }
    case 'tag':
      return { kind, tag: '' };
    case 'status':
      return { kind, status: 'closed' };
    case 'reply':
      return { kind, savedReplyId: options.savedReplies[0]?.id ?? '' };
    case 'notify':
      return { kind, assignee: true, userIds: [] };
  }
}

/** The trigger in words: "Un ticket est ouvert", "… depuis 3 jours". */
export function triggerText(trigger: RuleTrigger, m: AutomationMessages, options: RuleOptionsDto) {
  const base = m.triggers[trigger.type];
  if (trigger.type === 'waiting') return `${base} ${trigger.hours} h`;
  if (trigger.type === 'pending') return `${base} ${trigger.days} j`;
  if (trigger.type === 'field_changed' && trigger.fieldId)
    return `${base} : ${options.fields.find((f) => f.id === trigger.fieldId)?.label ?? '?'}`;
  return base;
}

/** Moves item `index` one place up (-1) or down (+1); the same list when it cannot move. */
export function moved<T>(list: readonly T[], index: number, step: -1 | 1): T[] {
  const to = index + step;
  if (to < 0 || to >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}
