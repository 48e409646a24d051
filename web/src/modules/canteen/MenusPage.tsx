import { useCallback, useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { fmtYuan, nowInZone } from '../../shared/format.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { CATEGORIES, canteenApi, type Category, type Dish, type Menu, type Point } from './api.ts';
import { m } from './messages.ts';

/** A week of lunch menus per canteen, and the dish catalogue they share. */
export function MenusPage() {
  const t = useT(m);
  const { can } = useSession();
  const writable = can('canteen.manage');
  const { message } = App.useApp();
  const showError = useApiError();
  const [points, setPoints] = useState<Point[]>([]);
  const [pointId, setPointId] = useState<string | null>(null);
  const [menus, setMenus] = useState<Menu[]>([]);
  const [dishes, setDishes] = useState<Dish[]>([]);
  const [editing, setEditing] = useState<{ day: string; ids: string[] } | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ name: string; category: Category; price: number; description?: string }>();
  const from = nowInZone().format('YYYY-MM-DD');
  const days = Array.from({ length: 7 }, (_, i) => dayjs(from).add(i, 'day').format('YYYY-MM-DD'));

  useEffect(() => {
    canteenApi.points().then((p) => {
      setPoints(p);
      setPointId((cur) => cur ?? p[0]?.id ?? null);
    }, showError);
  }, [showError]);
  const loadDishes = useCallback(() => canteenApi.dishes().then(setDishes, showError), [showError]);
  useEffect(() => {
    void loadDishes();
  }, [loadDishes]);
  const loadMenus = useCallback(() => {
    if (pointId)
      canteenApi
        .menus(pointId, from, dayjs(from).add(6, 'day').format('YYYY-MM-DD'))
        .then(setMenus, showError);
  }, [pointId, from, showError]);
  useEffect(() => {
    loadMenus();
  }, [loadMenus]);

  const saveMenu = async () => {
    if (!editing || !pointId) return;
    try {
      await canteenApi.putMenu(
        pointId,
        editing.day,
        'lunch',
        editing.ids.map((dishId) => ({ dishId })),
      );
      void message.success(t('saved'));
      setEditing(null);
      loadMenus();
    } catch (e) {
      showError(e);
    }
  };
  const addDish = async () => {
    const v = await form.validateFields();
    try {
      await canteenApi.addDish({ ...v, price: Math.round(v.price * 100) });
      setAdding(false);
      form.resetFields();
      void loadDishes();
    } catch (e) {
      showError(e, form);
    }
  };

  return (
    <>
      <PageHeader
        title={t('menus')}
        extra={
          <Select
            value={pointId}
            onChange={setPointId}
            style={{ minWidth: 200 }}
            options={points.map((p) => ({ value: p.id, label: p.name }))}
          />
        }
      />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {days.map((d) => {
          const menu = menus.find((x) => x.day === d && x.meal === 'lunch');
          return (
            <Col xs={24} sm={12} lg={8} xl={6} key={d}>
              <Card
                size="small"
                title={`${d} ${t('meal_lunch')}`}
                extra={
                  writable && (
                    <a
                      onClick={() => setEditing({ day: d, ids: menu?.dishes.map((x) => x.dishId) ?? [] })}
                      data-testid="menu-edit"
                    >
                      {t('editMenu')}
                    </a>
                  )
                }
              >
                <List
                  size="small"
                  dataSource={menu?.dishes ?? []}
                  renderItem={(x) => (
                    <List.Item extra={`¥${fmtYuan(x.price)}`}>
                      <Space size={4}>
                        <Tag bordered={false}>{t(`cat_${x.category}`)}</Tag>
                        {x.name}
                      </Space>
                    </List.Item>
                  )}
                />
              </Card>
            </Col>
          );
        })}
      </Row>
      <Card
        size="small"
        title={t('dishCatalogue')}
        extra={
          writable && (
            <Button icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('addDish')}
            </Button>
          )
        }
      >
        <Table<Dish>
          size="small"
          rowKey="id"
          dataSource={dishes}
          pagination={{ pageSize: 10 }}
          scroll={{ x: 'max-content' }}
          columns={[
            { title: t('name'), dataIndex: 'name' },
            { title: t('category'), dataIndex: 'category', render: (c: Category) => t(`cat_${c}`) },
            { title: t('price'), dataIndex: 'price', align: 'right', render: (v: number) => fmtYuan(v) },
            {
              title: t('rating'),
              dataIndex: 'rating',
              render: (v: number | null, d) => (v ? `★${v}（${d.ratings}）` : '—'),
            },
            { title: t('description'), dataIndex: 'description' },
          ]}
        />
      </Card>
      <Modal
        open={editing !== null}
        title={`${t('editMenu')} ${editing?.day ?? ''}`}
        onCancel={() => setEditing(null)}
        onOk={() => void saveMenu()}
        destroyOnHidden
      >
        <Select
          mode="multiple"
          style={{ width: '100%' }}
          placeholder={t('pickDishes')}
          value={editing?.ids ?? []}
          onChange={(ids) => setEditing((e) => (e ? { ...e, ids } : e))}
          options={CATEGORIES.map((c) => ({
            label: t(`cat_${c}`),
            options: dishes
              .filter((d) => d.category === c && d.active)
              .map((d) => ({ value: d.id, label: `${d.name} ¥${fmtYuan(d.price)}` })),
          }))}
        />
      </Modal>
      <Modal
        open={adding}
        title={t('addDish')}
        onCancel={() => setAdding(false)}
        onOk={() => void addDish()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 60 }]}>
            <Input />
          </Form.Item>
          <Form.Item name="category" label={t('category')} rules={[{ required: true }]}>
            <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`cat_${c}`) }))} />
          </Form.Item>
          <Form.Item name="price" label={t('price')} rules={[{ required: true }]}>
            <InputNumber min={0.01} max={1000} precision={2} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="description" label={t('description')}>
            <Input maxLength={300} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
