import { useEffect, useMemo, useState } from 'react';
import { Select } from 'antd';
import { api, type Page } from '../../shared/api.ts';
import { useT } from '../../app/i18n.ts';
import { m } from './messages.ts';

interface Option {
  value: string;
  label: string;
}

/**
 * Form control for a room's `unitIds` (the units that may book a 'listed units' room): several units,
 * searched by name within the manager's scope; `known` labels the units already chosen.
 */
export function UnitsField({
  value,
  onChange,
  known,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  known: Option[];
}) {
  const t = useT(m);
  const [found, setFound] = useState<Option[]>([]);
  const search = (q: string) =>
    void api.get<Page<{ id: string; name: string }>>('/api/org/units', { q, pageSize: 30 }).then(
      (p) => setFound(p.items.map((u) => ({ value: u.id, label: u.name }))),
      () => setFound([]),
    );
  useEffect(() => search(''), []);
  const options = useMemo(() => {
    const seen = new Set(found.map((o) => o.value));
    return [...known.filter((o) => !seen.has(o.value)), ...found];
  }, [found, known]);
  return (
    <Select
      mode="multiple"
      value={value ?? []}
      onChange={onChange}
      options={options}
      showSearch={{ filterOption: false, onSearch: search }}
      placeholder={t('allowedUnitsSearch')}
      data-testid="room-units"
    />
  );
}
