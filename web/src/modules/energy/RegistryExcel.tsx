import { useRef, useState } from 'react';
import { Alert, App, Button, Dropdown, Modal, Table } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { api, ApiError, type ErrorDetail } from '../../shared/api.ts';
import { useApiError } from '../../shared/feedback.ts';
import { m } from './messages.ts';

type What = 'institutions' | 'points';

/** Import (all rows or none, every bad row listed) and export of institutions and points. */
export function RegistryExcel({ onImported }: { onImported: () => void }) {
  const t = useT(m);
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useApiError();
  const input = useRef<HTMLInputElement>(null);
  const [what, setWhat] = useState<What>('institutions');
  const [problems, setProblems] = useState<{ message: string; rows: ErrorDetail[] } | null>(null);

  const run = async (file: File) => {
    try {
      const r = await api.upload<{ created: number; updated: number; unchanged: number }>(
        `/api/energy/${what}/import`,
        file,
      );
      message.success(t('importDone', r));
      onImported();
    } catch (e) {
      if (e instanceof ApiError && e.status === 400) setProblems({ message: e.message, rows: e.details });
      else showError(e);
    }
  };
  const download = (w: What) =>
    api.download(`/api/energy/${w}/export.xlsx`, undefined, `${w}.xlsx`).catch(showError);

  return (
    <>
      <input
        ref={input}
        type="file"
        hidden
        accept=".xlsx"
        data-testid="registry-import-file"
        onChange={(e) => {
          const f = e.target.files?.[0];
          e.target.value = '';
          if (f) void run(f);
        }}
      />
      {can('energy.registry.write') && (
        <Dropdown
          menu={{
            items: [
              { key: 'institutions', label: t('importInstitutions') },
              { key: 'points', label: t('importPoints') },
            ],
            onClick: ({ key }) => {
              setWhat(key as What);
              input.current?.click();
            },
          }}
        >
          <Button icon={<UploadOutlined />} data-testid="registry-import">
            {t('importInstitutions')}
          </Button>
        </Dropdown>
      )}
      <Dropdown
        menu={{
          items: [
            { key: 'institutions', label: t('exportInstitutions') },
            { key: 'points', label: t('exportPoints') },
          ],
          onClick: ({ key }) => void download(key as What),
        }}
      >
        <Button icon={<DownloadOutlined />} data-testid="registry-export">
          {t('exportInstitutions')}
        </Button>
      </Dropdown>
      <Modal
        open={problems !== null}
        footer={null}
        width={760}
        onCancel={() => setProblems(null)}
        title={t('importErrors')}
      >
        {problems && (
          <>
            <Alert type="error" showIcon message={problems.message} style={{ marginBottom: 12 }} />
            <Table<ErrorDetail>
              size="small"
              rowKey={(d, i) => `${d.row}-${d.field}-${i}`}
              pagination={{ pageSize: 10 }}
              dataSource={problems.rows}
              columns={[
                { title: '#', dataIndex: 'row', width: 80, render: (r: number) => t('row', { row: r }) },
                { title: '', dataIndex: 'column', width: 140 },
                { title: '', dataIndex: 'message' },
              ]}
            />
          </>
        )}
      </Modal>
    </>
  );
}
