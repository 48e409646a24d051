import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Select, type SelectProps } from 'antd';
import { useMe, type RoleGrant } from '../app/session.tsx';
import { api, type Page } from './api.ts';

export interface Option {
  value: string;
  label: string;
}

function useRemoteOptions(load: (q: string) => Promise<Option[]>, selected?: Option | null) {
  const [options, setOptions] = useState<Option[]>([]);
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  }, [load]);

  const timer = useRef<number | undefined>(undefined);
  const search = useCallback((q: string) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      const mine = ++seq.current;
      setLoading(true);
      loadRef
        .current(q)
        .then((list) => {
          if (mine === seq.current) setOptions(list);
        })
        .catch(() => {
          if (mine === seq.current) setOptions([]);
        })
        .finally(() => {
          if (mine === seq.current) setLoading(false);
        });
    }, 250);
  }, []);

  useEffect(() => search(''), [search]);
  const merged =
    selected && !options.some((o) => o.value === selected.value) ? [selected, ...options] : options;
  return { options: merged, loading, search };
}

type RemoteSelectProps = Omit<SelectProps<string>, 'options' | 'showSearch' | 'filterOption' | 'onSearch'> & {
  /** label of the current value when it is not among the first page of options */
  selectedLabel?: string | null;
};

interface NamedRow {
  id: string;
  name: string;
}

/** A select whose options come from the server as the user types (first page on open). */
function RemoteSelect({
  load,
  selectedLabel,
  ...props
}: RemoteSelectProps & { load: (q: string) => Promise<Option[]> }) {
  const { options, loading, search } = useRemoteOptions(
    load,
    props.value && selectedLabel ? { value: props.value, label: selectedLabel } : null,
  );
  return (
    <Select<string>
      allowClear
      showSearch={{ filterOption: false, onSearch: search }}
      options={options}
      loading={loading}
      {...props}
    />
  );
}

/** Picks a unit by name or code (server-side search, in the user's scope). */
export function UnitSelect({ jurisdictionId, ...props }: RemoteSelectProps & { jurisdictionId?: string }) {
  const load = useMemo(
    () => async (q: string) => {
      const page = await api.get<Page<NamedRow>>('/api/org/units', { q, pageSize: 30, jurisdictionId });
      return page.items.map((u) => ({ value: u.id, label: u.name }));
    },
    [jurisdictionId],
  );
  return <RemoteSelect load={load} {...props} />;
}

/** Picks a person by name or employee number. */
export function PersonSelect(props: RemoteSelectProps) {
  const load = useMemo(
    () => async (q: string) => {
      const page = await api.get<Page<NamedRow & { unitName: string; employeeNo: string }>>(
        '/api/org/people',
        {
          q,
          pageSize: 30,
        },
      );
      return page.items.map((p) => ({ value: p.id, label: `${p.name} · ${p.unitName} (${p.employeeNo})` }));
    },
    [],
  );
  return <RemoteSelect load={load} {...props} />;
}

export interface Jurisdiction {
  id: string;
  code: string;
  name: string;
  kind: string;
  parentId: string | null;
}

let jurisdictionsCache: Promise<Jurisdiction[]> | null = null;

/** The city and its districts (cached for the page's life). */
export function loadJurisdictions(): Promise<Jurisdiction[]> {
  jurisdictionsCache ??= api
    .get<Jurisdiction[] | Page<Jurisdiction>>('/api/org/jurisdictions')
    .then((a) => (Array.isArray(a) ? a : a.items))
    .catch((e: unknown) => {
      jurisdictionsCache = null;
      throw e;
    });
  return jurisdictionsCache;
}

export function useJurisdictions(): Jurisdiction[] {
  const [list, setList] = useState<Jurisdiction[]>([]);
  useEffect(() => {
    let live = true;
    loadJurisdictions()
      .then((l) => live && setList(l))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return list;
}

export function JurisdictionSelect({
  only,
  ...props
}: Omit<SelectProps<string>, 'options'> & {
  /** offer only these jurisdictions (`null` or absent: all) */
  only?: ReadonlySet<string> | null;
}) {
  const list = useJurisdictions();
  return (
    <Select<string>
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      options={list.filter((j) => !only || only.has(j.id)).map((j) => ({ value: j.id, label: j.name }))}
      {...props}
    />
  );
}

/**
 * The jurisdictions a user's grants reach: `null` (all) with a city-wide grant, else the jurisdictions
 * of the grants (a unit or self grant reaches no further than its own jurisdiction's rows).
 */
export function reachableJurisdictions(
  roles: readonly RoleGrant[],
  homeJurisdictionId: string | null,
): Set<string> | null {
  if (roles.some((g) => g.scopeKind === 'city')) return null;
  const out = new Set<string>();
  for (const g of roles) {
    const id = g.jurisdictionId ?? homeJurisdictionId;
    if (id) out.add(id);
  }
  return out;
}

/**
 * A jurisdiction filter for a list or a report: only the jurisdictions the user's scope reaches, and
 * nothing at all when that is one (a district administrator sees its district's rows anyway, and a
 * select offering the whole city or other districts would promise what the server will not show).
 */
export function JurisdictionFilter(props: Omit<SelectProps<string>, 'options'>) {
  const me = useMe();
  const reach = useMemo(() => reachableJurisdictions(me.roles, me.jurisdictionId), [me]);
  if (reach !== null && reach.size <= 1) return null;
  return <JurisdictionSelect only={reach} {...props} />;
}
