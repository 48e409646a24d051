import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ListyItems, ListyRow } from './ListyItems.tsx';

type Row = { id: string; name: string };
const rows: Row[] = [
  { id: 'r1', name: 'N-one' },
  { id: 'r2', name: 'N-two' },
];

describe('ListyItems', () => {
  it('draws a Listy item per row through renderItem, with a pager when given one', () => {
    const html = renderToStaticMarkup(
      <ListyItems<Row>
        items={rows}
        rowKey="id"
        testId="the-list"
        pagination={{ current: 1, pageSize: 1, total: 2, onChange: () => undefined }}
        renderItem={(r) => <ListyRow testId="row" title={r.name} description="D" extra="X" />}
      />,
    );
    expect(html).toContain('data-testid="the-list"');
    expect(html.match(/class="[^"]*ant-listy-item/g)).toHaveLength(2);
    expect(html.match(/data-testid="row"/g)).toHaveLength(2);
    expect(html).toContain('N-one');
    expect(html).toContain('N-two');
    expect(html).toMatch(/ant-pagination/);
    expect(html).not.toMatch(/ant-empty/);
  });

  it('shows the given empty text when there is nothing, none with empty=false, and no pager', () => {
    const html = (empty?: string | false) =>
      renderToStaticMarkup(
        <ListyItems<Row>
          items={[]}
          rowKey="id"
          empty={empty}
          pagination={{ current: 1, pageSize: 20, total: 0, onChange: () => undefined }}
          renderItem={(r) => r.name}
        />,
      );
    expect(html('NOTHING-HERE')).toContain('NOTHING-HERE');
    expect(html('NOTHING-HERE')).not.toMatch(/ant-pagination/);
    expect(html()).toMatch(/ant-empty/);
    expect(html(false)).not.toMatch(/ant-empty/);
  });

  it('shows a spinner and no empty state while loading', () => {
    const html = renderToStaticMarkup(
      <ListyItems<Row> items={null} loading rowKey="id" empty="NOTHING" renderItem={(r) => r.name} />,
    );
    expect(html).toMatch(/ant-spin-spinning/);
    expect(html).not.toContain('NOTHING');
  });
});

describe('ListyRow', () => {
  it('keeps the actions that are drawn and drops the null ones', () => {
    const html = renderToStaticMarkup(
      <ListyRow title="T" actions={[<b key="a">A1</b>, null, false, <b key="c">A3</b>]} />,
    );
    expect(html).toContain('A1');
    expect(html).toContain('A3');
    expect(html.match(/<b>/g)).toHaveLength(2);
  });
});
