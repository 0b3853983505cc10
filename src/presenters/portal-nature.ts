/** The contact form's public natures as supervisors edit them → API JSON. */
import type { Selectable } from 'kysely';
import type { PortalNaturesTable } from '../db/schema.ts';
import type {
  PortalNatureAdminDto,
  PortalNatureDto,
  PortalNaturesDto,
} from '../shared/portal-contracts.ts';

/** A nature the public form offers (step 1), as the form and the deflection figures read it. */
export const presentPortalNature = (
  row: Pick<Selectable<PortalNaturesTable>, 'key' | 'label' | 'hint' | 'value_id'>,
): PortalNatureDto => ({
  key: row.key,
  label: row.label,
  hint: row.hint,
  valueId: row.value_id,
});

/** A nature; `enabled` while it is shown at step 1 (never deleted: past forms name it). */
export const presentNatureForEditor = (
  row: Selectable<PortalNaturesTable>,
): PortalNatureAdminDto => ({
  key: row.key,
  label: row.label,
  hint: row.hint,
  valueId: row.value_id,
  position: row.position,
  enabled: row.archived_at === null,
});

/** Every nature, and the values of the Demandeurs nature field they can file under. */
export const presentNaturesForEditor = (editor: {
  natures: Selectable<PortalNaturesTable>[];
  values: { id: string; label: string; archived_at: Date | null }[];
}): PortalNaturesDto => ({
  natures: editor.natures.map(presentNatureForEditor),
  values: editor.values.map((v) => ({
    id: v.id,
    label: v.label,
    archived: v.archived_at !== null,
  })),
});
