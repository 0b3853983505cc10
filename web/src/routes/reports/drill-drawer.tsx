/**
 * The tickets behind a table row or a chart bar (GET /api/reports/tickets), in
 * a drawer beside the report.
 */
import {
  Alert,
  Anchor,
  Button,
  Drawer,
  Group,
  Loader,
  Pagination,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import type { DrillTarget, ReportTicketDto } from '@shared/contracts.ts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { reportKeys, reportsApi } from '../../api/reports.ts';
import { TableHead } from '../../components/table-head.tsx';
import { followLink } from '../../router.ts';
import { drillPageQuery, drillQuery, type ReportView } from './report-query.ts';
import { useReportsI18n } from './reports-i18n.ts';

/** What the drawer lists; `period` replaces the view's (a bar of the previous period). */
export type Drill = { label: string; target: DrillTarget; period?: string | undefined };

/** A first-response delay for people: "45 min", "3 h 05", "2 j 4 h". */
export function formatDelay(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')}`;
  return `${Math.floor(hours / 24)} j ${hours % 24} h`;
}

type DrillDrawerProps = {
  view: ReportView;
  drill: Drill | null;
  onClose: () => void;
  /** Ticket numbers link to the tickets (not for viewers, who cannot open them). */
  linkTickets: boolean;
};

/** Tickets per page of the drawer. */
export const drillPageSize = 100;

export function DrillDrawer({ view, drill, onClose, linkTickets }: DrillDrawerProps) {
  const { r } = useReportsI18n();
  return (
    <Drawer
      opened={drill !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={drill ? r.drillTitle(drill.label) : ''}
      closeButtonProps={{ 'aria-label': r.close }}
    >
      {drill && (
        <DrillTickets
          query={drillQuery(drill.period ? { ...view, period: drill.period } : view, drill.target)}
          linkTickets={linkTickets}
        />
      )}
    </Drawer>
  );
}

function DrillTickets({ query, linkTickets }: { query: string; linkTickets: boolean }) {
  const { t, r, language } = useReportsI18n();
  const [page, setPage] = useState(1);
  useEffect(() => {
    // Another figure's tickets start on their first page.
    if (query) setPage(1);
  }, [query]);
  const pageQuery = drillPageQuery(query, page, drillPageSize);
  const tickets = useQuery({
    queryKey: reportKeys.tickets(pageQuery),
    queryFn: () => reportsApi.tickets(pageQuery),
    placeholderData: keepPreviousData,
  });
  if (tickets.isPending) return <Loader aria-label={t.loading} role="status" />;
  if (tickets.isError) {
    return (
      <Alert color="red" role="alert">
        <Stack gap="xs" align="flex-start">
          <span>{r.drillFailed}</span>
          <Button size="xs" variant="white" onClick={() => void tickets.refetch()}>
            {t.retry}
          </Button>
        </Stack>
      </Alert>
    );
  }
  const { total, tickets: list } = tickets.data;
  const first = (page - 1) * drillPageSize;
  const pages = Math.ceil(total / drillPageSize);
  const dateFormat = new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Europe/Paris',
  });
  return (
    <Stack gap="sm">
      <Text size="sm" role="status">
        {r.drillCount(first, list.length, total)}
      </Text>
      {list.length === 0 ? (
        <Text>{r.noTickets}</Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped withTableBorder aria-label={r.drillCount(first, list.length, total)}>
            <TableHead
              columns={[
                r.drillColumns.number,
                r.drillColumns.subject,
                r.drillColumns.mailbox,
                r.drillColumns.status,
                r.drillColumns.createdAt,
                r.drillColumns.firstResponse,
              ]}
            />
            <Table.Tbody>
              {list.map((ticket) => (
                <TicketRow
                  key={ticket.number}
                  ticket={ticket}
                  dateFormat={dateFormat}
                  link={linkTickets}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {pages > 1 && (
        <Group justify="center">
          <Pagination
            total={pages}
            value={page}
            onChange={setPage}
            size="sm"
            getItemProps={(item) => ({ 'aria-label': r.drillPage(item) })}
            getControlProps={(control) => ({ 'aria-label': r.drillPageControl[control] })}
          />
        </Group>
      )}
    </Stack>
  );
}

function TicketRow({
  ticket,
  dateFormat,
  link,
}: {
  ticket: ReportTicketDto;
  dateFormat: Intl.DateTimeFormat;
  link: boolean;
}) {
  const { r } = useReportsI18n();
  const created = new Date(ticket.createdAt);
  return (
    <Table.Tr>
      <Table.Th scope="row" style={{ whiteSpace: 'nowrap' }}>
        {link ? (
          <Anchor href={`/tickets/${ticket.number}`} onClick={followLink}>
            {r.ticketNumber(ticket.number)}
          </Anchor>
        ) : (
          r.ticketNumber(ticket.number)
        )}
      </Table.Th>
      <Table.Td style={{ overflowWrap: 'anywhere' }}>{ticket.subject}</Table.Td>
      <Table.Td>{ticket.mailboxName}</Table.Td>
      <Table.Td>{r.statusNames[ticket.status] ?? ticket.status}</Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {Number.isNaN(created.getTime()) ? ticket.createdAt : dateFormat.format(created)}
      </Table.Td>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {ticket.firstResponseSeconds === null
          ? r.noResponse
          : formatDelay(ticket.firstResponseSeconds)}
      </Table.Td>
    </Table.Tr>
  );
}
