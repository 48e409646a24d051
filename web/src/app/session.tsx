import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { api, ApiError, setCsrfToken, setUnauthenticatedHandler } from '../shared/api.ts';
import { setTimeZone } from '../shared/format.ts';

export type ScopeKind = 'city' | 'jurisdiction' | 'unit' | 'self';

export interface RoleGrant {
  role: string;
  label: string;
  scopeKind: ScopeKind;
  jurisdictionId: string | null;
  unitId: string | null;
}

/** GET /api/auth/me */
export interface Me {
  accountId: string;
  username: string;
  displayName: string;
  personId: string | null;
  unitId: string | null;
  jurisdictionId: string | null;
  csrfToken: string;
  roles: RoleGrant[];
  permissions: string[];
  /** the deployment's time zone */
  timeZone: string;
}

export interface LoginAnswer {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

interface SessionValue {
  me: Me | null;
  /** true until the first GET /api/auth/me has answered */
  loading: boolean;
  login(username: string, password: string): Promise<Me>;
  logout(): Promise<void>;
  refresh(): Promise<Me | null>;
  /** whether the user holds any of the permissions (in some scope) */
  can(...permissions: string[]): boolean;
  /** true after a request answered 401 while signed in */
  expired: boolean;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [loading, setLoading] = useState(true);
  const [expired, setExpired] = useState(false);
  const meRef = useRef<Me | null>(null);
  useEffect(() => {
    meRef.current = me;
  }, [me]);

  const refresh = useCallback(
    (): Promise<Me | null> =>
      api.get<Me>('/api/auth/me').then(
        (next) => {
          setTimeZone(next.timeZone);
          setCsrfToken(next.csrfToken);
          setMe(next);
          setExpired(false);
          setLoading(false);
          return next;
        },
        (e: unknown) => {
          setLoading(false);
          if (e instanceof ApiError && e.status === 401) {
            setCsrfToken(null);
            setMe(null);
            return null;
          }
          throw e;
        },
      ),
    [],
  );

  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      if (meRef.current) setExpired(true);
      setMe(null);
    });
    refresh().catch(() => undefined);
    return () => setUnauthenticatedHandler(null);
  }, [refresh]);

  const login = useCallback(
    async (username: string, password: string) => {
      const answer = await api.post<LoginAnswer>('/api/auth/login', { username, password });
      setCsrfToken(answer.csrfToken);
      const next = await refresh();
      if (!next) throw new ApiError(401, 'unauthenticated', 'session not established');
      return next;
    },
    [refresh],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      setCsrfToken(null);
      setExpired(false);
      setMe(null);
    }
  }, []);

  const value = useMemo<SessionValue>(() => {
    const held = new Set(me?.permissions ?? []);
    return {
      me,
      loading,
      login,
      logout,
      refresh,
      expired,
      can: (...permissions) => permissions.some((p) => held.has(p)),
    };
  }, [me, loading, login, logout, refresh, expired]);

  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

/** The signed-in user (inside the shell, which renders only when signed in). */
export function useMe(): Me {
  const { me } = useSession();
  if (!me) throw new Error('useMe without a session');
  return me;
}

const SCOPE_ORDER: Record<ScopeKind, number> = { city: 0, jurisdiction: 1, unit: 2, self: 3 };

/** The widest scope among the user's roles (what the header shows). */
export function widestGrant(roles: readonly RoleGrant[]): RoleGrant | undefined {
  return [...roles].sort((a, b) => SCOPE_ORDER[a.scopeKind] - SCOPE_ORDER[b.scopeKind])[0];
}
