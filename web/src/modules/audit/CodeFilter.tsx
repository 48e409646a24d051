import { useState } from 'react';
import { AutoComplete, Input } from 'antd';
import { useLocale } from '../../app/i18n.ts';
import { resolveCode, type CodeNames } from './codes.ts';

interface Option {
  value: string;
  label: React.ReactNode;
  search: string;
}

/**
 * A filter on a code (entity or action): pick a known one by its name, or type a code or a name and press
 * Enter (or leave the field). The box then shows the name; codes it does not know are applied as typed.
 * The `data-testid` sits on the <input>.
 */
export function CodeFilter(props: {
  names: CodeNames;
  placeholder: string;
  width: number;
  testId: string;
  onApply: (code: string | undefined) => void;
}) {
  const { names, onApply } = props;
  const locale = useLocale();
  const table = names[locale];
  const nameOf = (code: string) => (Object.hasOwn(table, code) ? table[code] : undefined);
  // the applied code, and what the user is typing (null: the box shows the applied code's name)
  const [applied, setApplied] = useState<string | undefined>(undefined);
  const [typed, setTyped] = useState<string | null>(null);
  const shown = typed ?? (applied === undefined ? '' : (nameOf(applied) ?? applied));

  const apply = (code: string | undefined) => {
    setTyped(null);
    if (code !== applied) {
      setApplied(code);
      onApply(code);
    }
  };

  const options: Option[] = Object.entries(table).map(([code, label]) => ({
    value: code,
    search: `${code} ${label}`.toLowerCase(),
    label: (
      <span className="goa-code-option">
        <span>{label}</span>
        <span className="goa-code">{code}</span>
      </span>
    ),
  }));
  // while the box shows the applied code, offer every code rather than just that one
  const showingApplied = typed === null;

  return (
    <AutoComplete<string, Option>
      value={shown}
      options={options}
      showSearch={{
        filterOption: (input, option) =>
          showingApplied || (option?.search.includes(input.trim().toLowerCase()) ?? false),
      }}
      popupMatchSelectWidth={300}
      style={{ width: props.width }}
      onChange={(v) => {
        if (v === '') apply(undefined);
        else setTyped(v);
      }}
      onSelect={(code) => apply(code)}
    >
      <Input
        allowClear
        placeholder={props.placeholder}
        onPressEnter={(e) => apply(resolveCode(e.currentTarget.value, names))}
        onBlur={(e) => apply(resolveCode(e.currentTarget.value, names))}
        data-testid={props.testId}
      />
    </AutoComplete>
  );
}
