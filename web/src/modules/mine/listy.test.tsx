import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ListyRow, ListyRows } from './listy.tsx';

const rows = [
  { id: 'a', name: 'Alpha' },
  { id: 'b', name: 'Beta' },
];

describe('ListyRows and ListyRow (what the pages used of antd List)', () => {
  it('renders each row with its test id, title, description, extra and actions', () => {
    const html = renderToStaticMarkup(
      <ListyRows
        size="small"
        items={rows}
        rowKey="id"
        render={(r) => (
          <ListyRow
            testId="row"
            title={`T-${r.name}`}
            description={`D-${r.name}`}
            extra={<b>{`X-${r.name}`}</b>}
            actions={[<button key="go">{`A-${r.name}`}</button>, false]}
          />
        )}
      />,
    );
    expect(html.match(/data-testid="row"/g)).toHaveLength(2);
    for (const part of ['T-Alpha', 'D-Alpha', 'X-Alpha', 'A-Alpha', 'T-Beta']) expect(html).toContain(part);
    expect(html).toContain('ant-listy-item');
    expect(html).toContain('8px 16px');
  });

  it('shows the given empty text, and no list, when there are no rows', () => {
    const html = renderToStaticMarkup(
      <ListyRows items={[]} rowKey="id" render={() => null} empty="Nothing here" />,
    );
    expect(html).toContain('Nothing here');
    expect(html).not.toContain('ant-listy');
  });
});
