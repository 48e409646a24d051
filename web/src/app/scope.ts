import { useEffect, useState } from 'react';
import { api } from '../shared/api.ts';
import { useT } from './i18n.ts';
import { shell } from './messages.ts';
import { PERM } from './permissions.ts';
import { widestGrant, type Me } from './session.tsx';

interface Named {
  id: string;
  name: string;
}

const names = new Map<string, string>();

async function lookup(kind: 'jurisdiction' | 'unit', id: string): Promise<string | null> {
  const key = `${kind}:${id}`;
  const hit = names.get(key);
  if (hit) return hit;
  try {
    if (kind === 'unit') {
      const unit = await api.get<Named>(`/api/org/units/${id}`);
      names.set(key, unit.name);
      return unit.name;
    }
    const list = await api.get<Named[] | { items: Named[] }>('/api/org/jurisdictions');
    for (const j of Array.isArray(list) ? list : list.items) names.set(`jurisdiction:${j.id}`, j.name);
    return names.get(key) ?? null;
  } catch {
    return null;
  }
}

/** The header's scope text: 全市, the jurisdiction's or unit's name, or the role's own wording. */
export function useScopeLabel(me: Me): string {
  const t = useT(shell);
  const grant = widestGrant(me.roles);
  const id =
    grant?.scopeKind === 'unit'
      ? grant.unitId
      : grant?.scopeKind === 'jurisdiction'
        ? grant.jurisdictionId
        : null;
  const kind = grant?.scopeKind === 'unit' ? 'unit' : 'jurisdiction';
  const canLookUp = me.permissions.includes(PERM.orgRead);
  const [name, setName] = useState<{ id: string; name: string } | null>(null);

  useEffect(() => {
    if (!id || !canLookUp) return;
    let live = true;
    void lookup(kind, id).then((n) => {
      if (live && n) setName({ id, name: n });
    });
    return () => {
      live = false;
    };
  }, [id, kind, canLookUp]);

  if (!grant) return t('scopeNone');
  if (grant.scopeKind === 'city') return t('scopeCity');
  if (grant.scopeKind === 'self') return t('scopeSelf');
  if (name && name.id === id) return name.name;
  return grant.label;
}
