/**
 * Filters of the report: mailboxes, départements, any classification value and
 * an organisation, offered from GET /api/reports/filters.
 */
import { Button, Checkbox, Group, NativeSelect } from '@mantine/core';
import type { ReportFiltersDto } from '@shared/contracts.ts';
import { CheckboxPicker, type PickerGroup } from '../../components/checkbox-picker.tsx';
import type { ReportView } from './report-query.ts';
import { useReportsI18n } from './reports-i18n.ts';

const departementKey = 'departement';

/** Département labels ("44") found in any mailbox's "departement" field, sorted. */
export function departementOptions(filters: ReportFiltersDto): string[] {
  const labels = new Set<string>();
  for (const mailbox of filters.mailboxes) {
    for (const field of mailbox.fields) {
      if (field.key === departementKey) for (const value of field.values) labels.add(value.label);
    }
  }
  return [...labels].sort((a, b) => a.localeCompare(b, 'fr', { numeric: true }));
}

/** Every other field's values, grouped by "Mailbox — Field". */
export function valueOptions(filters: ReportFiltersDto): PickerGroup[] {
  return filters.mailboxes.flatMap((mailbox) =>
    mailbox.fields
      .filter((field) => field.key !== departementKey && field.values.length > 0)
      .map((field) => ({
        group: `${mailbox.name} — ${field.label}`,
        items: field.values.map((value) => ({ value: value.id, label: value.label })),
      })),
  );
}

type ReportFiltersProps = {
  filters: ReportFiltersDto;
  view: ReportView;
  onChange: (next: Partial<ReportView>) => void;
};

export function ReportFilters({ filters, view, onChange }: ReportFiltersProps) {
  const { r } = useReportsI18n();
  const departements = departementOptions(filters);
  const values = valueOptions(filters);
  const anyFilter =
    view.mailbox.length + view.departement.length + view.value.length > 0 ||
    view.organisation !== undefined;

  return (
    <Group align="flex-end" gap="md" wrap="wrap">
      <Checkbox.Group
        id="report-mailboxes"
        label={r.mailboxesLabel}
        value={view.mailbox}
        onChange={(mailbox) => onChange({ mailbox })}
      >
        <Group gap="md" mt={6} mb={8}>
          {filters.mailboxes.map((mailbox) => (
            <Checkbox key={mailbox.slug} value={mailbox.slug} label={mailbox.name} />
          ))}
        </Group>
      </Checkbox.Group>
      {departements.length > 0 && (
        <CheckboxPicker
          label={r.departementLabel}
          summary={r.chosen}
          searchLabel={r.searchLabel}
          groups={[{ group: '', items: departements.map((d) => ({ value: d, label: d })) }]}
          value={view.departement}
          onChange={(departement) => onChange({ departement })}
          width={220}
        />
      )}
      {values.length > 0 && (
        <CheckboxPicker
          label={r.valuesLabel}
          summary={r.chosen}
          searchLabel={r.searchLabel}
          groups={values}
          value={view.value}
          onChange={(value) => onChange({ value })}
          width={360}
        />
      )}
      {filters.organisations.length > 0 && (
        <NativeSelect
          id="report-organisation"
          label={r.organisationLabel}
          value={view.organisation ?? ''}
          rightSectionProps={{ 'aria-hidden': true }}
          onChange={(event) => {
            const organisation = event.currentTarget.value;
            onChange({ organisation: organisation === '' ? undefined : organisation });
          }}
          w={240}
        >
          <option value="">{r.allOrganisations}</option>
          {filters.organisations.map((organisation) => (
            <option key={organisation.id} value={organisation.id}>
              {organisation.name}
            </option>
          ))}
        </NativeSelect>
      )}
      {anyFilter && (
        <Button
          variant="subtle"
          onClick={() =>
            onChange({ mailbox: [], departement: [], value: [], organisation: undefined })
          }
        >
          {r.clearFilters}
        </Button>
      )}
    </Group>
  );
}
