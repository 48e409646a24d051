import { useState } from 'react';
import { Button, Image, Space, Typography, Upload } from 'antd';
import { DeleteOutlined, PictureOutlined, UploadOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { useApiError } from '../../shared/feedback.ts';
import { photoUrl, uploadPhoto } from './api.ts';
import { m } from './messages.ts';

/** A room's photo as a small thumbnail (click to enlarge), or a placeholder. */
export function RoomThumb({
  id,
  width = 64,
  height = 44,
}: {
  id: string | null;
  width?: number;
  height?: number;
}) {
  const t = useT(m);
  if (!id)
    return (
      <div
        title={t('noPhoto')}
        style={{
          width,
          height,
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          background: 'rgba(0,0,0,0.04)',
          borderRadius: 4,
          color: 'rgba(0,0,0,0.25)',
        }}
      >
        <PictureOutlined />
      </div>
    );
  return (
    <Image
      src={photoUrl(id)}
      alt={t('photo')}
      width={width}
      height={height}
      style={{ objectFit: 'cover', borderRadius: 4 }}
      data-testid="room-photo"
    />
  );
}

/** Form control for `photoFileId`: uploads the picked image to the kernel's files and holds its id. */
export function PhotoField({
  value,
  onChange,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
}) {
  const t = useT(m);
  const showError = useApiError();
  const [busy, setBusy] = useState(false);
  return (
    <Space align="start">
      <RoomThumb id={value ?? null} width={120} height={80} />
      <Space orientation="vertical" size={4}>
        <Upload
          accept="image/*"
          showUploadList={false}
          customRequest={({ file, onSuccess, onError }) => {
            setBusy(true);
            uploadPhoto(file as File).then(
              (r) => {
                setBusy(false);
                onChange?.(r.id);
                onSuccess?.(r);
              },
              (e: unknown) => {
                setBusy(false);
                showError(e);
                onError?.(e as Error);
              },
            );
          }}
        >
          <Button size="small" icon={<UploadOutlined />} loading={busy} data-testid="room-photo-upload">
            {t('uploadPhoto')}
          </Button>
        </Upload>
        {value && (
          <Button size="small" icon={<DeleteOutlined />} onClick={() => onChange?.(null)}>
            {t('removePhoto')}
          </Button>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('photoHint')}
        </Typography.Text>
      </Space>
    </Space>
  );
}
