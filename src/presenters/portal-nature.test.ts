import type { Selectable } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { PortalNaturesTable } from '../db/schema.ts';
import { presentNatureForEditor, presentPortalNature } from './portal-nature.ts';

const row: Selectable<PortalNaturesTable> = {
  key: 'doublon',
  label: 'Demande en doublon',
  hint: 'Votre demande apparaît deux fois',
  value_id: 'v1',
  position: 2,
  archived_at: null,
};

describe('portal nature presenters', () => {
  it('the public form reads key, label, hint and the value it files', () => {
    expect(presentPortalNature(row)).toEqual({
      key: 'doublon',
      label: 'Demande en doublon',
      hint: 'Votre demande apparaît deux fois',
      valueId: 'v1',
    });
  });

  it('the editor also reads the position and whether it is shown', () => {
    expect(presentNatureForEditor({ ...row, archived_at: new Date() })).toMatchObject({
      key: 'doublon',
      position: 2,
      enabled: false,
    });
  });
});
