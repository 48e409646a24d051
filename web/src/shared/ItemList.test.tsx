import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ItemList, ItemRow } from './ItemList.tsx';

type Row = { id: string; name: string };
const rows: Row[] = [
  { id: 'r1', name: 'N-one' },
  { id: 'r2', name: 'N-two' },
];

describe('ItemList', () => {
  it('renders one Listy item a row, in order, with the header and the root test id', () => {
    const html = renderToStaticMarkup(
      <ItemList<Row>
        items={rows}
        rowKey="id"
        header={<span>HEAD</span>}
        testId="x-list"
        renderItem={(r) => <ItemRow title={r.name} description={`d-${r.id}`} extra="EXTRA" />}
      />,
    );
    expect(html).toContain('data-testid="x-list"');
    expect(html.match(/ant-listy-item/g)).toHaveLength(2);
    expect(html).not.toMatch(/ant-list-item/);
    expect(html.indexOf('HEAD')).toBeLessThan(html.indexOf('N-one'));
    expect(html.indexOf('N-one')).toBeLessThan(html.indexOf('d-r1'));
    expect(html.indexOf('d-r1')).toBeLessThan(html.indexOf('N-two'));
  });

  it('says the empty text when there are no rows, and nothing while loading', () => {
    const empty = renderToStaticMarkup(
      <ItemList<Row> items={[]} rowKey="id" empty="NOTHING" renderItem={() => null} />,
    );
    expect(empty).toContain('NOTHING');
    expect(empty).not.toMatch(/ant-listy-item/);
    const loading = renderToStaticMarkup(
      <ItemList<Row> items={[]} rowKey="id" loading empty="NOTHING" renderItem={() => null} />,
    );
    expect(loading).not.toContain('NOTHING');
    expect(loading).toMatch(/ant-spin/);
  });

  it('shows pagination only when there is something to page', () => {
    const pager = (total: number) =>
      renderToStaticMarkup(
        <ItemList<Row>
          items={total ? rows : []}
          rowKey="id"
          pagination={{ current: 1, pageSize: 1, total }}
          renderItem={(r) => <ItemRow title={r.name} />}
        />,
      );
    expect(pager(2)).toMatch(/ant-pagination/);
    expect(pager(0)).not.toMatch(/ant-pagination/);
  });

  it('shows nothing at all for an empty list with empty=false, and a spinner for rows not loaded yet', () => {
    const none = renderToStaticMarkup(
      <ItemList<Row> items={[]} rowKey="id" empty={false} renderItem={(r) => r.name} />,
    );
    expect(none).not.toMatch(/ant-empty|goa-item-list-empty/);
    const waiting = renderToStaticMarkup(
      <ItemList<Row> items={null} loading rowKey="id" empty="NOTHING" renderItem={(r) => r.name} />,
    );
    expect(waiting).toMatch(/ant-spin-spinning/);
    expect(waiting).not.toContain('NOTHING');
  });

  it('draws bare rows (no padding or rules) for rows that draw their own cards', () => {
    const html = renderToStaticMarkup(
      <ItemList<Row> items={rows} rowKey="id" size="bare" renderItem={(r) => r.name} />,
    );
    expect(html).toContain('goa-item-list-bare');
  });
});

describe('ItemRow', () => {
  it('lays out avatar, title, description, extra and the truthy actions, with its test id', () => {
    const html = renderToStaticMarkup(
      <ItemRow
        avatar="AV"
        title="TITLE"
        description="DESC"
        extra="EXTRA"
        actions={['A1', false, null, 'A2']}
        testId="x-row"
        onClick={() => undefined}
      />,
    );
    const at = (s: string) => html.indexOf(s);
    expect(html).toContain('data-testid="x-row"');
    expect(html).toContain('goa-item-row-clickable');
    expect(at('AV')).toBeLessThan(at('TITLE'));
    expect(at('TITLE')).toBeLessThan(at('DESC'));
    expect(at('DESC')).toBeLessThan(at('EXTRA'));
    expect(at('EXTRA')).toBeLessThan(at('A1'));
    expect(html.match(/<li>/g)).toHaveLength(2);
  });
});
