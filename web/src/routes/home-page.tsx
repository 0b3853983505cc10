import { Alert, Button, List, Loader, Stack, Table, Text, Title } from '@mantine/core';
import type { MailboxDto, SessionDto } from '@shared/contracts.ts';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { api, isUnauthenticated } from '../api/client.ts';
import { TableHead } from '../components/table-head.tsx';
import { useI18n } from '../i18n.ts';
import { ImportPanel } from './import-panel.tsx';

/** The home page: the mailboxes and their classification fields; supervisors also get the import panel. */
export function HomePage({ session }: { session: SessionDto }) {
  return (
    <>
      <MailboxesSection />
      {session.user.role === 'supervisor' || session.user.role === 'admin' ? <ImportPanel /> : null}
    </>
  );
}

function MailboxesSection() {
  const { t } = useI18n();
  const mailboxes = useQuery({ queryKey: ['mailboxes'], queryFn: () => api.mailboxes() });

  return (
    <Stack component="section" aria-labelledby="mailboxes-heading" gap="md">
      <Title order={1} id="mailboxes-heading">
        {t.mailboxesHeading}
      </Title>
      {mailboxes.isPending && <Loader aria-label={t.loading} role="status" />}
      {mailboxes.isError && !isUnauthenticated(mailboxes.error) && (
        <Alert color="red" role="alert">
          <Stack gap="xs" align="flex-start">
            <span>{t.loadFailed}</span>
            <Button size="xs" variant="white" onClick={() => void mailboxes.refetch()}>
              {t.retry}
            </Button>
          </Stack>
        </Alert>
      )}
      {mailboxes.isSuccess && <MailboxTable mailboxes={mailboxes.data.mailboxes} />}
    </Stack>
  );
}

function MailboxTable({ mailboxes }: { mailboxes: MailboxDto[] }) {
  const { t } = useI18n();
  if (mailboxes.length === 0) return <Text>{t.noMailbox}</Text>;

  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="md" withTableBorder aria-labelledby="mailboxes-heading">
        <TableHead columns={[t.mailboxColumn, t.addressesColumn, t.fieldsColumn]} />
        <Table.Tbody>
          {mailboxes.map((mailbox) => (
            <Table.Tr key={mailbox.id}>
              <Table.Th scope="row" style={{ verticalAlign: 'top' }}>
                {mailbox.name}
              </Table.Th>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <CellList empty={t.noAddress}>
                  {mailbox.addresses.map((address) => (
                    <List.Item key={address}>{address}</List.Item>
                  ))}
                </CellList>
              </Table.Td>
              <Table.Td style={{ verticalAlign: 'top' }}>
                <CellList empty={t.noField}>
                  {mailbox.fields.map((field) => (
                    <List.Item key={field.key}>
                      {field.label}{' '}
                      <Text component="span" size="sm" c="dimmed">
                        ({t.valueCount(field.valueCount)})
                      </Text>
                    </List.Item>
                  ))}
                </CellList>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** A compact list in a table cell, or an italic note when it has no items. */
function CellList({ empty, children }: { empty: string; children: ReactNode[] }) {
  if (children.length === 0) {
    return (
      <Text size="sm" fs="italic" c="dimmed">
        {empty}
      </Text>
    );
  }
  return (
    <List size="sm" listStyleType="none" spacing={2}>
      {children}
    </List>
  );
}
