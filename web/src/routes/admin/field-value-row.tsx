/** One value of a field: its name (renamed in place), its tickets, its state, and its actions. */
import { Badge, Button, Group, NativeSelect, Table, TextInput } from '@mantine/core';
import type { FieldValueAdminDto } from '@shared/setup-contracts.ts';
import { fieldLabelSchema } from '@shared/setup-contracts.ts';
import { useState } from 'react';
import { setupApi } from '../../api/setup.ts';
import { useSetupI18n } from './setup-i18n.ts';

export function FieldValueRow(props: {
  value: FieldValueAdminDto;
  first: boolean;
  last: boolean;
  mergedIntoLabel: string | null;
  targets: FieldValueAdminDto[];
  onMove: (by: -1 | 1) => void;
  run: (action: () => Promise<unknown>) => void;
}) {
  const { s, language } = useSetupI18n();
  const { value, run } = props;
  const [name, setName] = useState(value.label);
  const [target, setTarget] = useState('');
  const merged = value.mergedInto !== null;
  const rename = () => {
    const parsed = fieldLabelSchema.safeParse({ label: name });
    if (parsed.success && parsed.data.label !== value.label)
      run(() => setupApi.changeValue(value.id, { label: parsed.data.label }));
  };
  const into = props.targets.find((t) => t.id === target);
  return (
    <Table.Tr>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <TextInput
            aria-label={s.renameValue(value.label)}
            value={name}
            size="xs"
            disabled={merged}
            onChange={(e) => setName(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') rename();
            }}
            w={300}
          />
          {!merged && name !== value.label && (
            <Button size="compact-xs" variant="default" onClick={rename}>
              {s.renameButton}
            </Button>
          )}
        </Group>
      </Table.Td>
      <Table.Td>{value.tickets.toLocaleString(language === 'en' ? 'en-GB' : 'fr-FR')}</Table.Td>
      <Table.Td>
        <Badge variant="light" c="black" color={value.retired ? 'gray' : 'green'}>
          {merged
            ? s.valueMerged(props.mergedIntoLabel ?? '')
            : value.retired
              ? s.valueRetired
              : s.valueActive}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-xs"
            variant="default"
            aria-label={s.moveUp(value.label)}
            disabled={props.first}
            onClick={() => props.onMove(-1)}
          >
            ↑
          </Button>
          <Button
            size="compact-xs"
            variant="default"
            aria-label={s.moveDown(value.label)}
            disabled={props.last}
            onClick={() => props.onMove(1)}
          >
            ↓
          </Button>
          {!merged && (
            <Button
              size="compact-xs"
              variant="default"
              aria-label={value.retired ? s.restore(value.label) : s.retire(value.label)}
              onClick={() => run(() => setupApi.changeValue(value.id, { retired: !value.retired }))}
            >
              {value.retired ? s.restoreButton : s.retireButton}
            </Button>
          )}
          {!merged && props.targets.length > 0 && (
            <>
              <NativeSelect
                size="xs"
                aria-label={s.mergeInto(value.label)}
                value={target}
                onChange={(e) => setTarget(e.currentTarget.value)}
                data={[
                  { value: '', label: '—' },
                  ...props.targets.map((t) => ({ value: t.id, label: t.label })),
                ]}
                w={160}
              />
              <Button
                size="compact-xs"
                variant="default"
                disabled={!into}
                onClick={() => {
                  if (into && window.confirm(s.mergeConfirm(value.label, into.label)))
                    run(() => setupApi.mergeValue(value.id, into.id));
                }}
              >
                {s.mergeButton}
              </Button>
            </>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
