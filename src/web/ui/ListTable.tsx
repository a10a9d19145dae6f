import { Paper, Table } from '@mantine/core';
import type { ReactNode } from 'react';

type Props = {
  /** Read out by screen readers before the rows. */
  caption: string;
  /** The header labels, left to right (unique within the table). */
  columns: string[];
  /** Below this width the table scrolls sideways instead of squeezing its columns. */
  minWidth: number;
  /** The body rows (`Table.Tr`). */
  children: ReactNode;
};

/** A list page's table: bordered, captioned, one header row, scrolling sideways on narrow screens. */
export function ListTable({ caption, columns, minWidth, children }: Props) {
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={minWidth}>
        <Table highlightOnHover verticalSpacing="sm">
          <Table.Caption>{caption}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column} scope="col">
                  {column}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>{children}</Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
