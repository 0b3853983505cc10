/** A mailbox's addresses: the list (the primary one marked), add one, make primary, remove. */
import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { sendableAddressSchema } from '@shared/mail-addresses.ts';
import type { MailboxAddressesDto } from '@shared/setup-contracts.ts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { setupApi } from '../../api/setup.ts';
import { failureLine } from './mail-settings-form.ts';
import { useSetupI18n } from './setup-i18n.ts';
import { setupKey } from './use-setup.ts';

export function MailboxAddressesSection({ mailboxId }: { mailboxId: string }) {
  const { s } = useSetupI18n();
  const queryClient = useQueryClient();
  const key = ['setup', 'addresses', mailboxId];
  const addresses = useQuery({ queryKey: key, queryFn: () => setupApi.addresses(mailboxId) });
  const [draft, setDraft] = useState('');
  const [invalid, setInvalid] = useState(false);
  const change = useMutation({
    mutationFn: (action: () => Promise<MailboxAddressesDto>) => action(),
    onSuccess: (data) => {
      queryClient.setQueryData(key, data);
      void queryClient.invalidateQueries({ queryKey: setupKey });
      void queryClient.invalidateQueries({ queryKey: ['mailboxes'] });
    },
  });
  const onAdd = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const parsed = sendableAddressSchema.safeParse(draft);
    setInvalid(!parsed.success);
    if (!parsed.success || change.isPending) return;
    change.mutate(() => setupApi.addAddress(mailboxId, parsed.data), {
      onSuccess: () => setDraft(''),
    });
  };
  const list = addresses.data;
  return (
    <Paper component="section" withBorder p="md" aria-labelledby="addresses-heading">
      <Stack gap="xs">
        <Title order={2} size="h4" id="addresses-heading">
          {s.addressesHeading}
        </Title>
        <Text size="sm">{s.addressesHint}</Text>
        {list && list.addresses.length === 0 && (
          <Alert color="yellow" c="black" role="status">
            {s.noAddress}
          </Alert>
        )}
        {list && list.addresses.length > 0 && (
          <Table verticalSpacing={4} aria-labelledby="addresses-heading">
            <Table.Tbody>
              {list.addresses.map((address) => (
                <Table.Tr key={address}>
                  <Table.Th scope="row" fw={500}>
                    {address}
                  </Table.Th>
                  <Table.Td>
                    {address === list.primary ? (
                      <Badge variant="light" c="black" color="blue">
                        {s.primary}
                      </Badge>
                    ) : (
                      <Button
                        size="compact-sm"
                        variant="default"
                        aria-label={s.makePrimary(address)}
                        onClick={() =>
                          change.mutate(() => setupApi.makePrimary(mailboxId, address))
                        }
                      >
                        {s.makePrimaryButton}
                      </Button>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="default"
                      aria-label={s.removeAddress(address)}
                      onClick={() =>
                        change.mutate(() => setupApi.removeAddress(mailboxId, address))
                      }
                    >
                      {s.removeButton}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        <form onSubmit={onAdd} noValidate>
          <Group align="flex-end" gap="xs">
            <TextInput
              label={s.newAddress}
              type="email"
              placeholder="contact@example.org"
              value={draft}
              error={invalid ? s.invalidValue(s.newAddress) : undefined}
              onChange={(e) => setDraft(e.currentTarget.value)}
              w={320}
            />
            <Button type="submit" aria-busy={change.isPending}>
              {s.addAddress}
            </Button>
          </Group>
        </form>
        {change.isError && (
          <Alert color="red" role="alert">
            {failureLine(change.error, s)}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
