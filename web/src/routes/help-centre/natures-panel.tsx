/**
 * The public natures tab of the help-centre editor: what step 1 of the
 * contact form offers, in the public's words, and the internal Demandeurs
 * nature each one files the ticket under; their order; shown or hidden; and
 * new ones.
 */
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Loader,
  NativeSelect,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import type { NatureValueOptionDto, PortalNatureAdminDto } from '@shared/portal-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { portalApi, portalKeys } from '../../api/portal.ts';
import { FailedAlert } from './failed-alert.tsx';
import { useHelpCentreI18n } from './help-centre-i18n.ts';
import { OrderButtons, useReorder } from './order-buttons.tsx';

export function NaturesPanel() {
  const { t, h } = useHelpCentreI18n();
  const queryClient = useQueryClient();
  const natures = useQuery({ queryKey: portalKeys.natures, queryFn: portalApi.natures });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: portalKeys.natures });
    // the article editor lists the natures an article answers
    void queryClient.invalidateQueries({ queryKey: portalKeys.knowledgeBase });
  };
  const order = useReorder({
    queryKey: portalKeys.natures,
    save: portalApi.reorderNatures,
    onSaved: refresh,
  });
  if (natures.isPending) return <Loader aria-label={t.loading} role="status" />;
  if (natures.isError)
    return (
      <Alert color="red" role="alert">
        {t.loadFailed}
      </Alert>
    );
  const { natures: list, values } = natures.data;
  return (
    <Stack gap="md">
      <Text size="sm">{h.naturesIntro}</Text>
      <NewNature values={values} onCreated={refresh} />
      <FailedAlert error={order.error} />
      <Text role="status" size="sm">
        {order.status ?? ''}
      </Text>
      {list.map((nature, index) => (
        <NatureEditor
          key={nature.key}
          nature={nature}
          values={values}
          order={
            <OrderButtons
              id={`nature-${nature.key}`}
              name={nature.label}
              index={index}
              count={list.length}
              busy={order.busy}
              onMove={(delta) =>
                order.move(
                  list.map((n) => n.key),
                  index,
                  delta,
                  `nature-${nature.key}`,
                )
              }
            />
          }
          onChanged={refresh}
        />
      ))}
    </Stack>
  );
}

/** The internal values as options; an archived one is labelled so. */
function ValueSelect({
  values,
  value,
  onChange,
}: {
  values: NatureValueOptionDto[];
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const { h } = useHelpCentreI18n();
  return (
    <NativeSelect
      label={h.natureValue}
      value={value ?? ''}
      onChange={(e) => onChange(e.currentTarget.value || null)}
      data={[
        { value: '', label: h.noValue },
        ...values.map((v) => ({
          value: v.id,
          label: v.archived ? `${v.label} ${h.archivedValue}` : v.label,
        })),
      ]}
    />
  );
}

function NewNature({
  values,
  onCreated,
}: {
  values: NatureValueOptionDto[];
  onCreated: () => void;
}) {
  const { h } = useHelpCentreI18n();
  const [key, setKey] = useState('');
  const [label, setLabel] = useState('');
  const [valueId, setValueId] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: () => portalApi.createNature({ key, label, hint: '', valueId, enabled: true }),
    onSuccess: () => {
      setKey('');
      setLabel('');
      setValueId(null);
      onCreated();
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate();
  };
  return (
    <form onSubmit={onSubmit}>
      <Fieldset legend={h.newNature}>
        <Stack gap="sm">
          <Group grow align="flex-start">
            <TextInput
              label={h.natureLabel}
              required
              maxLength={300}
              value={label}
              onChange={(e) => setLabel(e.currentTarget.value)}
            />
            <TextInput
              label={h.natureKey}
              required
              maxLength={63}
              value={key}
              onChange={(e) => setKey(e.currentTarget.value)}
            />
          </Group>
          <ValueSelect values={values} value={valueId} onChange={setValueId} />
          <FailedAlert error={create.error} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              {h.addNature}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </form>
  );
}

function NatureEditor({
  nature,
  values,
  order,
  onChanged,
}: {
  nature: PortalNatureAdminDto;
  values: NatureValueOptionDto[];
  order: ReactNode;
  onChanged: () => void;
}) {
  const { h } = useHelpCentreI18n();
  const [label, setLabel] = useState(nature.label);
  const [hint, setHint] = useState(nature.hint);
  const [valueId, setValueId] = useState(nature.valueId);
  const [enabled, setEnabled] = useState(nature.enabled);
  const save = useMutation({
    mutationFn: () => portalApi.saveNature(nature.key, { label, hint, valueId, enabled }),
    onSuccess: onChanged,
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  return (
    <form onSubmit={onSubmit}>
      <Fieldset legend={nature.label}>
        <Stack gap="sm">
          <Group justify="space-between">
            <Group gap="xs">
              <Text size="sm">
                <code>{nature.key}</code>
              </Text>
              {!nature.enabled && (
                <Badge variant="light" color="orange">
                  {h.hiddenBadge}
                </Badge>
              )}
            </Group>
            {order}
          </Group>
          <TextInput
            label={h.natureLabel}
            required
            maxLength={300}
            value={label}
            onChange={(e) => setLabel(e.currentTarget.value)}
          />
          <TextInput
            label={h.natureHint}
            maxLength={1000}
            value={hint}
            onChange={(e) => setHint(e.currentTarget.value)}
          />
          <ValueSelect values={values} value={valueId} onChange={setValueId} />
          <Checkbox
            label={h.natureEnabled}
            checked={enabled}
            onChange={(e) => setEnabled(e.currentTarget.checked)}
          />
          <FailedAlert error={save.error} />
          <Group>
            <Button
              type="submit"
              loading={save.isPending}
              aria-label={`${h.saveSite} « ${nature.label} »`}
            >
              {h.saveSite}
            </Button>
            {save.isSuccess && <Text role="status">{h.saved}</Text>}
          </Group>
        </Stack>
      </Fieldset>
    </form>
  );
}
