/**
 * A table of the report as the printed document shows it: French numbers,
 * grey rows for values grouped under "Autre" in the chart, the total in bold,
 * and the note. Rows with tickets behind them open the drill-down.
 */
import { Table, Text, UnstyledButton } from '@mantine/core';
import type { DrillTarget } from '@shared/contracts.ts';
import type { Cell, ReportTable, TableRow } from '@shared/reports/model/activity-report-types.ts';
import { formatCell, isNumericCell } from '@shared/reports/render/format-cell.ts';
import { useReportsI18n } from './reports-i18n.ts';

/** The label of a row: its first cell's text. */
export function rowLabel(row: TableRow): string {
  const first = row.cells[0];
  return first?.kind === 'text' ? first.value : formatCell(first);
}

type ReportTableViewProps = {
  table: ReportTable;
  /** Drill targets of this table, by row label. */
  drill: Record<string, DrillTarget> | undefined;
  onDrill: (label: string, target: DrillTarget) => void;
};

export function ReportTableView({ table, drill, onDrill }: ReportTableViewProps) {
  const noteId = table.note ? `table-${table.id}-note` : undefined;
  return (
    <div>
      <Table.ScrollContainer minWidth={360}>
        <Table
          withTableBorder
          withColumnBorders
          striped={false}
          aria-describedby={noteId}
          data-table-id={table.id}
          style={{ maxWidth: 720 }}
        >
          <Table.Caption style={{ captionSide: 'top', textAlign: 'left', fontWeight: 600 }}>
            {table.title}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {table.columns.map((column, index) => (
                <Table.Th
                  // biome-ignore lint/suspicious/noArrayIndexKey: column titles may repeat; their order is fixed
                  key={`${index}-${column}`}
                  scope="col"
                  style={{ textAlign: index === 0 ? 'left' : 'right' }}
                >
                  {column}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {table.rows.map((row, index) => {
              const label = rowLabel(row);
              return (
                <BodyRow
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows are read-only, in the report's order
                  key={`${index}-${label}`}
                  row={row}
                  target={drill?.[label]}
                  onDrill={(target) => onDrill(label, target)}
                />
              );
            })}
          </Table.Tbody>
          {table.total && (
            <Table.Tfoot>
              <BodyRow row={table.total} total />
            </Table.Tfoot>
          )}
        </Table>
      </Table.ScrollContainer>
      {table.note && (
        <Text id={noteId} size="sm" fs="italic" mt={4}>
          {table.note}
        </Text>
      )}
    </div>
  );
}

type BodyRowProps = {
  row: TableRow;
  total?: boolean;
  target?: DrillTarget | undefined;
  onDrill?: (target: DrillTarget) => void;
};

function BodyRow({ row, total = false, target, onDrill }: BodyRowProps) {
  const background = row.groupedInChart ? 'var(--mantine-color-gray-2)' : undefined;
  const [first, ...rest] = row.cells;
  return (
    <Table.Tr
      style={{ background, fontWeight: total ? 700 : undefined }}
      data-grouped={row.groupedInChart ? '' : undefined}
    >
      <Table.Th scope="row" style={{ fontWeight: total ? 700 : 400 }}>
        <RowHeader cell={first} target={target} onDrill={onDrill} />
      </Table.Th>
      {rest.map((cell, index) => (
        <Table.Td
          // biome-ignore lint/suspicious/noArrayIndexKey: cells have no identity but their column
          key={index}
          style={{ textAlign: isNumericCell(cell) ? 'right' : 'left', whiteSpace: 'nowrap' }}
        >
          {formatCell(cell)}
        </Table.Td>
      ))}
    </Table.Tr>
  );
}

function RowHeader({
  cell,
  target,
  onDrill,
}: {
  cell: Cell | undefined;
  target: DrillTarget | undefined;
  onDrill: ((target: DrillTarget) => void) | undefined;
}) {
  const { r } = useReportsI18n();
  const text = formatCell(cell);
  if (target === undefined || onDrill === undefined) return <>{text}</>;
  return (
    <UnstyledButton
      onClick={() => onDrill(target)}
      aria-label={r.showTickets(text)}
      title={r.showTickets(text)}
      c="blue.9"
      td="underline"
      fz="sm"
      style={{ textAlign: 'left', overflowWrap: 'anywhere' }}
    >
      {text}
    </UnstyledButton>
  );
}
