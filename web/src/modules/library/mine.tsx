import { useEffect, useState } from 'react';
import { Card } from 'antd';
import { Link } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { libraryApi, type Mine } from './api.ts';
import { m } from './messages.ts';
import { LoanList } from './parts.tsx';

/** My loans, for the "我的" page. */
export function MineSection() {
  const t = useT(m);
  const [mine, setMine] = useState<Mine | null>(null);
  useEffect(() => {
    libraryApi.mine().then(setMine, () => setMine({ loans: [], holds: [], history: 0 }));
  }, []);
  return (
    <Card
      size="small"
      title={t('onLoan')}
      extra={<Link to="/library/mine">{t('mine')}</Link>}
      loading={!mine}
    >
      <LoanList loans={mine?.loans ?? []} />
    </Card>
  );
}
