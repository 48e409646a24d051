import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AlertLevelTag, AlertList } from './AlertList.tsx';

type Row = { id: string; level: 'red' | 'yellow'; kind: string; place: string };
const rows: Row[] = [
  { id: 'a1', level: 'red', kind: 'K-one', place: 'P-one' },
  { id: 'a2', level: 'yellow', kind: 'K-two', place: 'P-two' },
];
const table = {
  data: { items: rows, total: 2, page: 1, pageSize: 20 },
  loading: false,
  listPagination: { current: 1, pageSize: 20, total: 2, simple: false, showSizeChanger: false },
  tableProps: { dataSource: rows, loading: false, pagination: false as const },
};

describe('AlertLevelTag', () => {
  it('colours red red, yellow gold and green green, with the given label and test id', () => {
    const html = (level: 'red' | 'yellow' | 'green') =>
      renderToStaticMarkup(<AlertLevelTag level={level} label={`L-${level}`} testId={`t-${level}`} />);
    expect(html('red')).toMatch(/ant-tag-red/);
    expect(html('yellow')).toMatch(/ant-tag-gold/);
    expect(html('yellow')).not.toMatch(/ant-tag-yellow/);
    expect(html('green')).toMatch(/ant-tag-green/);
    expect(html('red')).toContain('L-red');
    expect(html('red')).toContain('data-testid="t-red"');
  });
});

describe('AlertList', () => {
  it('shows a table: the level, the link that opens the alert, then the page’s columns, a row an alert', () => {
    const html = renderToStaticMarkup(
      <AlertList<Row>
        table={table}
        level={{
          title: 'LEVEL',
          width: 80,
          tag: (a) => <AlertLevelTag level={a.level} label={`L-${a.level}`} />,
        }}
        open={{ title: 'KIND', width: 150, label: (a) => a.kind, testId: 'x-open' }}
        columns={[{ title: 'PLACE', dataIndex: 'place' }]}
        phone={{ title: (a) => a.kind, description: (a) => a.place }}
        onOpen={() => undefined}
        tableTestId="x-table"
      />,
    );
    const at = (s: string) => html.indexOf(s);
    expect(at('data-testid="x-table"')).toBeGreaterThan(-1);
    expect(at('LEVEL')).toBeLessThan(at('KIND'));
    expect(at('KIND')).toBeLessThan(at('PLACE'));
    expect(html.match(/data-testid="x-open"/g)).toHaveLength(2);
    expect(at('L-red')).toBeLessThan(at('K-one'));
    expect(at('K-one')).toBeLessThan(at('P-one'));
    expect(at('P-one')).toBeLessThan(at('L-yellow'));
    expect(html).toContain('ant-tag-gold');
  });
});
