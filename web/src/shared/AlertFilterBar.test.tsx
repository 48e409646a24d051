import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AlertFilterBar } from './AlertFilterBar.tsx';

const opts = (...v: string[]) => v.map((x) => ({ value: x, label: `L-${x}` }));

describe('AlertFilterBar', () => {
  it('renders the search box, the three selects with their test ids, then the extra controls', () => {
    const html = renderToStaticMarkup(
      <AlertFilterBar
        search={{ placeholder: 'find', width: 160, testId: 'x-search' }}
        status={{
          placeholder: 'st',
          options: opts('open', 'resolved'),
          width: 110,
          value: 'open',
          testId: 'x-status',
        }}
        level={{ placeholder: 'lv', options: opts('red', 'yellow'), width: 100, testId: 'x-level' }}
        kind={{ placeholder: 'kd', options: opts('a'), width: 160, testId: 'x-kind' }}
        kindField="rule"
        onChange={() => undefined}
      >
        <span data-testid="x-extra" />
      </AlertFilterBar>,
    );
    const at = (s: string) => html.indexOf(s);
    for (const id of ['x-search', 'x-status', 'x-level', 'x-kind', 'x-extra'])
      expect(at(id)).toBeGreaterThan(0);
    expect(at('x-search')).toBeLessThan(at('x-status'));
    expect(at('x-kind')).toBeLessThan(at('x-extra'));
    // the controlled status shows its chosen option's label; the uncontrolled level shows its placeholder
    expect(html).toContain('L-open');
    expect(html).toContain('lv');
    expect(html).not.toContain('L-red');
  });
});
