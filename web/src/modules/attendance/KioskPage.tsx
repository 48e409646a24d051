import { useEffect, useRef, useState } from 'react';
import { Alert, Button, ConfigProvider, Input, Result, Typography } from 'antd';
import { useT } from '../../app/i18n.ts';
import { toApiError } from '../../shared/api.ts';
import { m } from './messages.ts';
import { clock } from './parts.tsx';

const KEY = 'goa.attendance.kioskToken';

/** The kiosk's token: taken from ?token=… once (and removed from the address), then from storage. */
function initialToken(): string | null {
  const url = new URL(window.location.href);
  const given = url.searchParams.get('token');
  if (given) {
    localStorage.setItem(KEY, given);
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search);
  }
  return localStorage.getItem(KEY);
}

/**
 * The kiosk at the entrance (public route, no sign-in): a shared device authenticated by a machine
 * token of purpose `attendance.kiosk`, given once as ?token=… and kept in the browser's storage.
 * People type or scan their staff number.
 */
export default function KioskPage() {
  const t = useT(m);
  const [token] = useState(initialToken);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string; sub?: string } | null>(null);
  const [now, setNow] = useState(() => new Date());
  const input = useRef<{ focus: () => void } | null>(null);

  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  useEffect(() => {
    if (!result) return;
    const timer = setTimeout(() => {
      setResult(null);
      input.current?.focus();
    }, 6000);
    return () => clearTimeout(timer);
  }, [result]);

  const punch = async () => {
    if (!code.trim() || !token) return;
    setBusy(true);
    try {
      const res = await fetch('/api/attendance/kiosk/punches', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ code: code.trim() }),
      });
      if (!res.ok) {
        const err = await toApiError(res);
        setResult({
          ok: false,
          text: res.status === 401 || res.status === 403 ? t('kioskBadToken') : err.message,
        });
      } else {
        const body = (await res.json()) as { name: string; at: string; punchesToday: string[] };
        setResult({
          ok: true,
          text: `${t('kioskHello', { name: body.name })} ${clock(body.at)}`,
          sub: t('kioskTodayList', { list: body.punchesToday.map(clock).join('  ') }),
        });
      }
    } finally {
      setCode('');
      setBusy(false);
    }
  };

  const time = now.toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return (
    <ConfigProvider theme={{ token: { fontSize: 18 } }}>
      <div
        style={{
          minHeight: '100vh',
          display: 'flex',
          flexDirection: 'column',
          alignItems: 'center',
          justifyContent: 'center',
          background: 'linear-gradient(180deg, #0b3d91 0%, #1677ff 100%)',
          color: '#fff',
          padding: 24,
        }}
      >
        <Typography.Title style={{ color: '#fff', margin: 0 }}>{t('kioskTitle')}</Typography.Title>
        <div
          style={{ fontSize: 72, fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}
          data-testid="kiosk-clock"
        >
          {time}
        </div>
        <div
          style={{
            width: '100%',
            maxWidth: 520,
            background: '#fff',
            borderRadius: 16,
            padding: 32,
            color: '#000',
          }}
        >
          {!token ? (
            <Alert type="warning" showIcon message={t('kioskNoToken')} data-testid="kiosk-no-token" />
          ) : result ? (
            <Result
              status={result.ok ? 'success' : 'error'}
              title={<span data-testid="kiosk-result">{result.text}</span>}
              subTitle={result.sub}
              style={{ padding: 0 }}
            />
          ) : (
            <>
              <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
                {t('kioskHint')}
              </Typography.Paragraph>
              <Input
                ref={(el) => {
                  input.current = el;
                }}
                autoFocus
                size="large"
                value={code}
                placeholder={t('kioskCode')}
                onChange={(e) => setCode(e.target.value)}
                onPressEnter={() => void punch()}
                style={{ fontSize: 32, textAlign: 'center', height: 72 }}
                data-testid="kiosk-code"
              />
              <Button
                type="primary"
                size="large"
                block
                loading={busy}
                onClick={() => void punch()}
                style={{ marginTop: 16, height: 72, fontSize: 28 }}
                data-testid="kiosk-punch"
              >
                {t('kioskPunch')}
              </Button>
            </>
          )}
        </div>
      </div>
    </ConfigProvider>
  );
}
