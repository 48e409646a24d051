import type { ReactNode } from 'react';
import { Select } from 'antd';
import { SearchInput } from './SearchInput.tsx';

/** One select of the bar: its choices, label, width and test id; `value` makes it controlled. */
export interface FilterSelect {
  placeholder: string;
  options: { value: string; label: string }[];
  width: number;
  value?: string | undefined;
  testId?: string;
}

/** The filter fields the bar sets; `kind` goes out under the name the page gives it (`kindField`). */
export type AlertFilterPatch = Record<string, string | undefined>;

/**
 * The filter bar of an alerts list (预警筛选): a search box, then status, level and kind selects, each
 * clearable, then whatever else the page adds (`children`: a jurisdiction, a period). Every change is
 * reported as a patch of one field for the page's paged table (`usePagedTable().setFilters`).
 */
export function AlertFilterBar({
  search,
  status,
  level,
  kind,
  kindField = 'kind',
  onChange,
  children,
}: {
  search: { placeholder: string; width: number; testId?: string };
  status: FilterSelect;
  level: FilterSelect;
  kind: FilterSelect;
  /** the filter's name for the kind select (`kind`, `rule`, …) */
  kindField?: string;
  onChange: (patch: AlertFilterPatch) => void;
  children?: ReactNode;
}) {
  const select = (s: FilterSelect, field: string) => (
    <Select
      {...('value' in s && { value: s.value })}
      allowClear
      placeholder={s.placeholder}
      options={s.options}
      onChange={(v?: string) => onChange({ [field]: v })}
      style={{ width: s.width }}
      data-testid={s.testId}
    />
  );
  return (
    <div className="goa-filters" data-testid="alert-filter-bar">
      <SearchInput
        placeholder={search.placeholder}
        onSearch={(q) => onChange({ q })}
        style={{ width: search.width }}
        testId={search.testId}
      />
      {select(status, 'status')}
      {select(level, 'level')}
      {select(kind, kindField)}
      {children}
    </div>
  );
}
