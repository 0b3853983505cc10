/**
 * The help centre's deflection figures for the report's period (issue 7):
 * article views, searches (and those without result), "did it help" votes,
 * forms started versus sent, per month, département and nature. This is how
 * the team shows that the guidance before the form works.
 */
import { Alert, Loader, Stack, Table, Text, Title } from '@mantine/core';
import type { DeflectionRow } from '@shared/portal-contracts.ts';
import { useQuery } from '@tanstack/react-query';
import { portalApi, portalKeys } from '../../api/portal.ts';
import { useHelpCentreI18n } from '../help-centre/help-centre-i18n.ts';

const figures = [
  ['articleViews', 'views'],
  ['searches', 'searches'],
  ['searchesWithoutResult', 'empty'],
  ['helpedYes', 'yes'],
  ['helpedNo', 'no'],
  ['formStarts', 'starts'],
  ['formSubmissions', 'submissions'],
] as const;

export function DeflectionSection({ from, to }: { from: string; to: string }) {
  const { t, h } = useHelpCentreI18n();
  const stats = useQuery({
    queryKey: portalKeys.stats(from, to),
    queryFn: () => portalApi.stats(from, to),
  });
  const natureLabel = (key: string | null) =>
    key === null ? h.noNature : (stats.data?.natures.find((n) => n.key === key)?.label ?? key);
  const number = (value: number) => value.toLocaleString('fr-FR');
  return (
    <Stack component="section" aria-labelledby="deflection-title" gap="sm">
      <Title order={2} id="deflection-title">
        {h.statsTitle}
      </Title>
      <Text size="sm">{h.statsIntro}</Text>
      {stats.isPending && <Loader size="sm" aria-label={t.loading} role="status" />}
      {stats.isError && (
        <Alert color="red" role="alert">
          {t.loadFailed}
        </Alert>
      )}
      {stats.data && stats.data.rows.length === 0 && <Text>{h.noData}</Text>}
      {stats.data && stats.data.rows.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{h.columns.month}</Table.Th>
                <Table.Th scope="col">{h.columns.departement}</Table.Th>
                <Table.Th scope="col">{h.columns.nature}</Table.Th>
                {figures.map(([, label]) => (
                  <Table.Th scope="col" key={label} ta="right">
                    {h.columns[label]}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {stats.data.rows.map((row: DeflectionRow) => (
                <Table.Tr key={`${row.month}-${row.departement}-${row.natureKey ?? ''}`}>
                  <Table.Td>{row.month}</Table.Td>
                  <Table.Td>{row.departement}</Table.Td>
                  <Table.Td>{natureLabel(row.natureKey)}</Table.Td>
                  {figures.map(([key]) => (
                    <Table.Td key={key} ta="right">
                      {number(row[key])}
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
            <Table.Tfoot>
              <Table.Tr>
                <Table.Th scope="row" colSpan={3}>
                  {h.total}
                </Table.Th>
                {figures.map(([key]) => (
                  <Table.Td key={key} ta="right" fw={700}>
                    {number(stats.data.totals[key])}
                  </Table.Td>
                ))}
              </Table.Tr>
            </Table.Tfoot>
          </Table>
        </Table.ScrollContainer>
      )}
      {stats.data && stats.data.emptySearches.length > 0 && (
        <>
          <Title order={3}>{h.emptySearches}</Title>
          <Table withTableBorder>
            <Table.Tbody>
              {stats.data.emptySearches.map((s) => (
                <Table.Tr key={s.query}>
                  <Table.Td>{s.query}</Table.Td>
                  <Table.Td ta="right">{number(s.count)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Stack>
  );
}
