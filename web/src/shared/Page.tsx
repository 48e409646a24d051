import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { Button, Result, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router';
import { useSession } from '../app/session.tsx';
import { useT } from '../app/i18n.ts';
import { common } from './messages.ts';

/** A page's title row: the title on the left, actions on the right (wrapping under it on a phone). */
export function PageHeader({ title, extra, sub }: { title: ReactNode; extra?: ReactNode; sub?: ReactNode }) {
  return (
    <div className="goa-page-header">
      <div>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {sub && <Typography.Text type="secondary">{sub}</Typography.Text>}
      </div>
      {extra && <div className="goa-page-actions">{extra}</div>}
    </div>
  );
}

/** Renders children only for users holding any of the permissions; others see a 403 page. */
export function RequirePermission({ any, children }: { any: readonly string[]; children: ReactNode }) {
  const { can } = useSession();
  if (!can(...any)) return <Forbidden />;
  return <>{children}</>;
}

/**
 * Told the path of a page that answers 403 or 404 (null when it goes away). The shell provides it and
 * highlights no menu entry there: /energy/nope is no page of 能耗总览, whose path is its longest prefix.
 */
export const RefusedPageContext = createContext<(pathname: string | null) => void>(() => undefined);

function useRefusedPage() {
  const tell = useContext(RefusedPageContext);
  const { pathname } = useLocation();
  useEffect(() => {
    tell(pathname);
    return () => tell(null);
  }, [tell, pathname]);
}

export function Forbidden() {
  const c = useT(common);
  const navigate = useNavigate();
  useRefusedPage();
  return (
    <Result
      status="403"
      title="403"
      data-testid="page-forbidden"
      subTitle={c('forbidden')}
      extra={<Button onClick={() => navigate('/')}>{c('backHome')}</Button>}
    />
  );
}

export function NotFound() {
  const c = useT(common);
  const navigate = useNavigate();
  useRefusedPage();
  return (
    <Result
      status="404"
      title="404"
      data-testid="page-not-found"
      subTitle={c('notFound')}
      extra={<Button onClick={() => navigate('/')}>{c('backHome')}</Button>}
    />
  );
}
