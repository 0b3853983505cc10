/** An automation rule as the API gives it (issue 19 §4). */
import type { StoredRule } from '../domain/automation/rules-store.ts';
import type { RuleDto } from '../shared/automation-contracts.ts';

export const presentRule = (rule: StoredRule): RuleDto => ({
  id: rule.id,
  position: rule.position,
  name: rule.name,
  enabled: rule.enabled,
  trigger: rule.trigger,
  conditions: rule.conditions,
  actions: rule.actions,
  stop: rule.stop,
  lastError: rule.lastError,
  lastErrorAt: rule.lastErrorAt?.toISOString() ?? null,
  updatedAt: rule.updatedAt.toISOString(),
});
