import type { FilterOptionsDto } from '@shared/workspace-contracts.ts';
import { describe, expect, it } from 'vitest';
import { type ChipTexts, filterChips } from './filter-chips.ts';
import { workspaceMessages } from './workspace-i18n.ts';

const fr = workspaceMessages.fr;
const texts: ChipTexts = { ...fr, tagLabel: fr.tagLabel };
const options: FilterOptionsDto = {
  agents: [{ id: 'a1', name: 'Agathe Agent' }],
  tags: [{ id: 't1', name: 'urgent' }],
  organisations: [{ id: 'o1', name: 'Bailleur 44' }],
  fields: [
    { id: 'f1', label: 'Département', mailboxId: 'm1', values: [{ id: 'v35', label: '35' }] },
  ],
};

describe('the chips of the active filters', () => {
  it('names each active filter in words, in the panel’s order', () => {
    const chips = filterChips(
      {
        folder: 'mine',
        q: 'accès',
        to: '2026-02-28',
        status: 'pending',
        assignee: 'a1',
        field: 'f1:v35',
        tag: 't1',
        organisation: 'o1',
        from: '2026-01-31',
        sort: 'oldest',
      },
      options,
      texts,
    );
    expect(chips).toEqual([
      { key: 'sort', label: 'Tri : Plus anciens' },
      { key: 'status', label: 'Statut : En attente' },
      { key: 'assignee', label: 'Assigné à : Agathe Agent' },
      { key: 'field', label: 'Département : 35' },
      { key: 'tag', label: 'Étiquette : urgent' },
      { key: 'organisation', label: 'Organisation : Bailleur 44' },
      { key: 'from', label: 'Créé depuis le 31/01/2026' },
      { key: 'to', label: 'Créé jusqu’au 28/02/2026' },
    ]);
  });

  it('shows no chip for the folder, the search or the default sort', () => {
    expect(filterChips({ folder: 'closed', q: 'x', sort: 'recent' }, options, texts)).toEqual([]);
  });

  it('says "nobody" and "not filled", and never shows an internal id before the options load', () => {
    expect(filterChips({ assignee: 'none', field: 'f1:none' }, options, texts)).toEqual([
      { key: 'assignee', label: 'Assigné à : Personne' },
      { key: 'field', label: 'Département : Non renseigné' },
    ]);
    const labels = filterChips(
      { assignee: 'a1', tag: 't1', field: 'f1:v35' },
      undefined,
      texts,
    ).map((c) => c.label);
    for (const label of labels) expect(label).not.toMatch(/a1|t1|f1|v35/);
  });

  it('ignores a status or sort the app does not know', () => {
    expect(filterChips({ status: 'bogus', sort: 'weird' }, options, texts)).toEqual([]);
  });
});
