import { Button, Space } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useNavigate } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { m } from './messages.ts';
import { MineSection } from './mine.tsx';

/** /repairs/mine: the requester's own list with the report button. */
export function MinePage() {
  const t = useT(m);
  const navigate = useNavigate();
  return (
    <div style={{ maxWidth: 720 }}>
      <PageHeader
        title={t('mineTitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/repairs/new')}
            data-testid="repair-new"
          >
            {t('report')}
          </Button>
        }
      />
      <Space orientation="vertical" style={{ width: '100%' }}>
        <MineSection />
      </Space>
    </div>
  );
}
