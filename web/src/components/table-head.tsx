import { Table } from '@mantine/core';

/**
 * The header row of a table whose column titles are plain text, each a column
 * header (`scope="col"`) for screen readers. Titles name the columns, so they
 * are unique within a table and serve as keys.
 */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <Table.Thead>
      <Table.Tr>
        {columns.map((column) => (
          <Table.Th key={column} scope="col">
            {column}
          </Table.Th>
        ))}
      </Table.Tr>
    </Table.Thead>
  );
}
