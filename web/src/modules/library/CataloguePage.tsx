import { useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { PageHeader } from '../../shared/Page.tsx';
import { SearchInput } from '../../shared/SearchInput.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { usePagedTable } from '../../shared/table.ts';
import { useIsPhone } from '../../shared/useIsPhone.ts';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { libraryApi, type Book } from './api.ts';
import { BookDrawer } from './BookDrawer.tsx';
import { CATEGORIES, m } from './messages.ts';
import { LIBRARY_MANAGE } from './module.ts';
import { categoryName } from './parts.tsx';

export default function CataloguePage() {
  const t = useT(m);
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useApiError();
  const isPhone = useIsPhone();
  const [adding, setAdding] = useState(false);
  const initial = useMemo(
    () => ({
      q: undefined as string | undefined,
      category: undefined as string | undefined,
      availableOnly: false,
    }),
    [],
  );
  const table = usePagedTable<Book, typeof initial>(libraryApi.books, initial);

  const borrow = async (b: Book) => {
    try {
      const loan = await libraryApi.borrow(b.isbn);
      void message.success(t('borrowed', { title: loan.title, due: loan.dueDate }));
      table.reload();
    } catch (e) {
      showError(e);
    }
  };
  const hold = async (b: Book) => {
    try {
      const h = await libraryApi.hold(b.id);
      void message.success(t('held', { n: h.position ?? 1 }));
      table.reload();
    } catch (e) {
      showError(e);
    }
  };
  const action = (b: Book) =>
    b.available > 0 ? (
      <Button size="small" type="primary" onClick={() => void borrow(b)} data-testid={`borrow-${b.isbn}`}>
        {t('borrow')}
      </Button>
    ) : (
      <Button size="small" onClick={() => void hold(b)} data-testid={`hold-${b.isbn}`}>
        {t('hold')}
      </Button>
    );
  const availability = (b: Book) => (
    <Space size={4}>
      <Tag color={b.available > 0 ? 'green' : 'default'}>
        {b.available} / {b.copies}
      </Tag>
      {b.waiting > 0 && <Tag color="orange">{t('waitingCount', { n: b.waiting })}</Tag>}
    </Space>
  );

  const columns: TableColumnsType<Book> = [
    {
      title: t('book'),
      key: 'title',
      sorter: true,
      render: (_, b) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>《{b.title}》</Typography.Text>
          <Typography.Text type="secondary">
            {b.author}
            {b.publisher ? ` · ${b.publisher}` : ''}
            {b.publishedYear ? ` · ${b.publishedYear}` : ''}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('isbn'), dataIndex: 'isbn', key: 'isbn', width: 150 },
    { title: t('category'), key: 'category', width: 150, render: (_, b) => categoryName(t, b.category) },
    { title: t('location'), dataIndex: 'location', key: 'location', width: 170 },
    { title: t('availability'), key: 'availability', width: 170, render: (_, b) => availability(b) },
    { title: '', key: 'action', width: 90, render: (_, b) => action(b) },
  ];

  return (
    <>
      <PageHeader
        title={t('catalogue')}
        sub={t('catalogueSub')}
        extra={
          can(LIBRARY_MANAGE) && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAdding(true)}
              data-testid="library-add-book"
            >
              {t('addBook')}
            </Button>
          )
        }
      />
      <Card>
        <Space wrap style={{ marginBottom: 16 }}>
          <SearchInput
            placeholder={t('searchPlaceholder')}
            onSearch={(q) => table.setFilters({ q })}
            style={{ width: isPhone ? '100%' : 280 }}
            testId="library-search"
          />
          <Select
            allowClear
            placeholder={t('category')}
            style={{ width: 200 }}
            options={CATEGORIES.map((c) => ({ value: c, label: categoryName(t, c) }))}
            onChange={(category?: string) => table.setFilters({ category })}
          />
          <Space>
            <Switch onChange={(availableOnly) => table.setFilters({ availableOnly })} />
            {t('availableOnly')}
          </Space>
        </Space>
        {isPhone ? (
          <ItemList
            loading={table.loading}
            items={table.data?.items ?? []}
            rowKey="id"
            pagination={table.listPagination}
            renderItem={(b) => (
              <ItemRow
                actions={[action(b)]}
                title={`《${b.title}》`}
                description={`${b.author} · ${b.location ?? ''}`}
                extra={availability(b)}
              />
            )}
          />
        ) : (
          <Table<Book> rowKey="id" columns={columns} {...table.tableProps} />
        )}
      </Card>
      <BookDrawer open={adding} onClose={() => setAdding(false)} onSaved={() => table.reload()} />
    </>
  );
}
