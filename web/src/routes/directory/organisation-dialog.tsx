/**
 * One organisation in a dialog: the edit form for supervisors (name, type,
 * département, domains; delete; merge into another), the same facts read-only
 * for agents, with its contacts and ticket counts. Mantine's Modal traps the
 * focus, closes with Escape and gives the focus back to the opening button.
 */
import {
  Alert,
  Button,
  Group,
  List,
  Loader,
  Modal,
  NativeSelect,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { DirectoryOptionsDto, OrganisationDetailDto } from '@shared/directory-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { directoryApi } from '../../api/directory.ts';
import { ApiErrorAlert } from '../../components/api-error-alert.tsx';
import { useI18n } from '../../i18n.ts';
import { ssoDirectoryTexts } from '../sso/sso-directory-texts.ts';
import { useDirectoryI18n } from './directory-i18n.ts';
import { splitDomains } from './domains.ts';

type Props = { id: string | null; canEdit: boolean; onClose: () => void };

export function OrganisationDialog({ id, canEdit, onClose }: Props) {
  const d = useDirectoryI18n();
  const { t } = useI18n();
  const detail = useQuery({
    queryKey: ['organisation', id],
    queryFn: () => (id ? directoryApi.get(id) : Promise.resolve(null)),
    staleTime: 0,
  });
  const options = useQuery({
    queryKey: ['organisation-options'],
    queryFn: () => directoryApi.options(),
  });
  const title = id === null ? d.createTitle : canEdit ? d.editTitle : (detail.data?.name ?? '');
  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      size="lg"
      closeButtonProps={{ 'aria-label': d.cancel }}
    >
      {detail.isPending || options.isPending ? (
        <Loader aria-label={t.loading} role="status" />
      ) : detail.isError || options.isError ? (
        <Alert color="red" role="alert">
          {d.loadFailed}
        </Alert>
      ) : (
        <Stack gap="lg">
          <OrganisationForm
            organisation={detail.data}
            options={options.data}
            canEdit={canEdit}
            onDone={onClose}
          />
          {detail.data && <OrganisationFacts organisation={detail.data} />}
          {detail.data && canEdit && (
            <MergeOrganisation organisation={detail.data} onDone={onClose} />
          )}
        </Stack>
      )}
    </Modal>
  );
}

/** Refetches the lists and the open organisation after a change. */
function useRefreshDirectory() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['organisations'] });
    await queryClient.invalidateQueries({ queryKey: ['organisation'] });
  };
}

function OrganisationForm({
  organisation,
  options,
  canEdit,
  onDone,
}: {
  organisation: OrganisationDetailDto | null;
  options: DirectoryOptionsDto;
  canEdit: boolean;
  onDone: () => void;
}) {
  const d = useDirectoryI18n();
  const [name, setName] = useState(organisation?.name ?? '');
  const [typeId, setTypeId] = useState(organisation?.partnerType?.id ?? '');
  const [departementId, setDepartementId] = useState(organisation?.departement?.id ?? '');
  const [domains, setDomains] = useState((organisation?.domains ?? []).join('\n'));
  const [siret, setSiret] = useState(organisation?.siret ?? '');
  const [confirming, setConfirming] = useState(false);
  // The form appears once loaded, after the dialog took the focus: move it to the first field.
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []);

  const refresh = useRefreshDirectory();
  const save = useMutation({
    mutationFn: () => {
      const input = {
        name: name.trim(),
        partnerTypeValueId: typeId || null,
        departementValueId: departementId || null,
        domains: splitDomains(domains),
        siret: siret.trim() === '' ? null : siret,
      };
      return organisation
        ? directoryApi.update(organisation.id, input)
        : directoryApi.create(input);
    },
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  const remove = useMutation({
    mutationFn: () => directoryApi.remove(organisation?.id ?? ''),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  const failure = save.error ?? remove.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (canEdit && !save.isPending) save.mutate();
  };
  const readOnly = !canEdit;
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={d.nameLabel}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          required
          readOnly={readOnly}
          maxLength={300}
          ref={nameRef}
        />
        <NativeSelect
          label={d.typeLabel}
          value={typeId}
          onChange={(e) => setTypeId(e.currentTarget.value)}
          disabled={readOnly}
          rightSectionProps={{ 'aria-hidden': true }}
          data={[{ value: '', label: d.noValue }, ...options.partnerTypes.map(asOption)]}
        />
        <NativeSelect
          label={d.departementLabel}
          value={departementId}
          onChange={(e) => setDepartementId(e.currentTarget.value)}
          disabled={readOnly}
          rightSectionProps={{ 'aria-hidden': true }}
          data={[{ value: '', label: d.noValue }, ...options.departements.map(asOption)]}
        />
        <Textarea
          label={d.domainsLabel}
          description={d.domainsHint}
          value={domains}
          onChange={(e) => setDomains(e.currentTarget.value)}
          readOnly={readOnly}
          autosize
          minRows={2}
        />
        <TextInput
          label={ssoDirectoryTexts.siretLabel}
          description={ssoDirectoryTexts.siretHint}
          value={siret}
          onChange={(e) => setSiret(e.currentTarget.value)}
          readOnly={readOnly}
          inputMode="numeric"
          maxLength={20}
        />
        <ApiErrorAlert error={failure} />
        {canEdit && (
          <Group justify="space-between">
            <Group>
              <Button type="submit" loading={save.isPending}>
                {d.save}
              </Button>
              <Button variant="default" onClick={onDone}>
                {d.cancel}
              </Button>
            </Group>
            {organisation &&
              (confirming ? (
                <Group gap="xs">
                  <Text size="sm">{d.confirmRemove(organisation.name)}</Text>
                  <Button color="red" onClick={() => remove.mutate()} loading={remove.isPending}>
                    {d.remove}
                  </Button>
                </Group>
              ) : (
                <Button color="red" variant="outline" onClick={() => setConfirming(true)}>
                  {d.remove}
                </Button>
              ))}
          </Group>
        )}
      </Stack>
    </form>
  );
}

const asOption = (v: { id: string; label: string }) => ({ value: v.id, label: v.label });

function OrganisationFacts({ organisation }: { organisation: OrganisationDetailDto }) {
  const d = useDirectoryI18n();
  return (
    <Stack gap="xs">
      <Text>{d.ticketsSummary(organisation.tickets)}</Text>
      <Title order={2} size="h4">
        {d.contactsHeading}
      </Title>
      {organisation.contacts.length === 0 ? (
        <Text size="sm">{d.noContacts}</Text>
      ) : (
        <List size="sm">
          {organisation.contacts.map((c) => (
            <List.Item key={c.id}>{c.name ? `${c.name} <${c.email ?? ''}>` : c.email}</List.Item>
          ))}
        </List>
      )}
    </Stack>
  );
}

/** Supervisors merge a duplicate into the organisation that stays (searched by name or domain). */
function MergeOrganisation({
  organisation,
  onDone,
}: {
  organisation: OrganisationDetailDto;
  onDone: () => void;
}) {
  const d = useDirectoryI18n();
  const refresh = useRefreshDirectory();
  const [search, setSearch] = useState('');
  const [into, setInto] = useState('');
  const candidates = useQuery({
    queryKey: ['organisations', 'merge', search],
    queryFn: () => directoryApi.list(search, 1, 20),
  });
  const merge = useMutation({
    mutationFn: () => directoryApi.merge(organisation.id, into),
    onSuccess: async () => {
      await refresh();
      onDone();
    },
  });
  const data = (candidates.data?.organisations ?? [])
    .filter((o) => o.id !== organisation.id)
    .map((o) => ({ value: o.id, label: o.name }));
  return (
    <Stack gap="xs" component="section" aria-labelledby="merge-heading">
      <Title order={2} size="h4" id="merge-heading">
        {d.mergeLabel}
      </Title>
      <Text size="sm">{d.mergeHint}</Text>
      <TextInput
        label={d.mergeSearch}
        type="search"
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setInto('');
        }}
      />
      <Group align="flex-end">
        <NativeSelect
          label={d.mergeInto}
          value={into}
          onChange={(e) => setInto(e.currentTarget.value)}
          rightSectionProps={{ 'aria-hidden': true }}
          data={[{ value: '', label: d.noValue }, ...data]}
          style={{ flex: 1 }}
        />
        <Button
          variant="outline"
          disabled={!into || merge.isPending}
          onClick={() => merge.mutate()}
        >
          {d.merge}
        </Button>
      </Group>
      <ApiErrorAlert error={merge.error} />
    </Stack>
  );
}
