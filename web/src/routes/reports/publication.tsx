/**
 * Publishing a year's report (supervisors) and the banner that compares the
 * published figures with a fresh computation.
 */
import { Alert, Anchor, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import type { PublicationDto } from '@shared/contracts.ts';
import { formatCount } from '@shared/reports/format.ts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { reportKeys, reportsApi } from '../../api/reports.ts';
import { publishedPdfHref } from './report-query.ts';
import { useReportsI18n } from './reports-i18n.ts';

/** "+12" / "-3" / "0": how a figure moved since publication. */
export function signedChange(published: number, now: number): string {
  const change = now - published;
  const digits = formatCount(Math.abs(change));
  return change > 0 ? `+${digits}` : change < 0 ? `-${digits}` : '0';
}

export function PublishButton({ year }: { year: number }) {
  const { r } = useReportsI18n();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const publish = useMutation({
    mutationFn: () => reportsApi.publish(year),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: reportKeys.all });
      setConfirming(false);
    },
  });
  const close = () => {
    publish.reset();
    setConfirming(false);
  };
  return (
    <>
      <Button onClick={() => setConfirming(true)}>{r.publish(year)}</Button>
      <Modal
        opened={confirming}
        onClose={close}
        title={r.publishConfirmTitle(year)}
        closeButtonProps={{ 'aria-label': r.close }}
      >
        <Stack gap="md">
          <Text>{r.publishConfirmText(year)}</Text>
          {publish.isError && (
            <Alert color="red" role="alert">
              {r.publishFailed}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close} data-autofocus>
              {r.cancel}
            </Button>
            <Button
              aria-busy={publish.isPending}
              onClick={() => {
                if (!publish.isPending) publish.mutate();
              }}
            >
              {r.publishConfirm}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

export function PublicationBanner({ publication }: { publication: PublicationDto }) {
  const { r, language } = useReportsI18n();
  const date = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  }).format(new Date(publication.publishedAt));
  const { differences } = publication;
  const differs = differences.length > 0;
  return (
    <Alert
      color={differs ? 'yellow' : 'green'}
      role={differs ? 'alert' : 'status'}
      title={r.publishedOn(date, publication.publishedBy)}
    >
      <Anchor href={publishedPdfHref(publication.year)} download size="sm">
        {r.publishedPdf(publication.year)}
      </Anchor>
      {differs ? (
        <Stack gap="xs">
          <Text size="sm">{r.publishedDiffers(differences.length)}</Text>
          <Table.ScrollContainer minWidth={420}>
            <Table withTableBorder bg="white" aria-label={r.publishedDiffers(differences.length)}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{r.differenceColumns.path}</Table.Th>
                  <Table.Th scope="col" ta="right">
                    {r.differenceColumns.published}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {r.differenceColumns.now}
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    {r.differenceColumns.change}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {differences.map((difference) => (
                  <Table.Tr key={difference.path}>
                    <Table.Th scope="row" fw={400} style={{ overflowWrap: 'anywhere' }}>
                      <code>{difference.path}</code>
                    </Table.Th>
                    <Table.Td ta="right">{formatCount(difference.published)}</Table.Td>
                    <Table.Td ta="right">{formatCount(difference.now)}</Table.Td>
                    <Table.Td ta="right">
                      {signedChange(difference.published, difference.now)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      ) : (
        <Text size="sm">{r.publishedSame}</Text>
      )}
    </Alert>
  );
}
