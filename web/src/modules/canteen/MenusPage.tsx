import { useCallback, useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Form,
  Image,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Upload,
  type ButtonProps,
} from 'antd';
import { PlusOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useT } from '../../app/i18n.ts';
import { useSession } from '../../app/session.tsx';
import { useApiError } from '../../shared/feedback.ts';
import { fmtYuan, nowInZone } from '../../shared/format.ts';
import { PageHeader } from '../../shared/Page.tsx';
import { ItemList, ItemRow } from '../../shared/ItemList.tsx';
import { CATEGORIES, canteenApi, photoUrl, type Category, type Dish, type Menu } from './api.ts';
import { usePointChoice } from './manage.tsx';
import { m } from './messages.ts';

/** A week of lunch menus per canteen, and the dish catalogue they share. */
export function MenusPage() {
  const t = useT(m);
  const { can } = useSession();
  const writable = can('canteen.manage');
  const { message } = App.useApp();
  const showError = useApiError();
  const { points, pointId, setPointId } = usePointChoice();
  const [menus, setMenus] = useState<Menu[]>([]);
  const [dishes, setDishes] = useState<Dish[]>([]);
  const [editing, setEditing] = useState<{ day: string; ids: string[] } | null>(null);
  /** the dish being added (null id) or edited; undefined when the dialog is closed */
  const [dishEdit, setDishEdit] = useState<{ id: string | null } | undefined>(undefined);
  const [photoId, setPhotoId] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const [form] = Form.useForm<{ name: string; category: Category; price: number; description?: string }>();
  const from = nowInZone().format('YYYY-MM-DD');
  const days = Array.from({ length: 7 }, (_, i) => dayjs(from).add(i, 'day').format('YYYY-MM-DD'));

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
  const openDish = (d: Dish | null) => {
    setDishEdit({ id: d?.id ?? null });
    setPhotoId(d?.photoFileId ?? null);
    form.setFieldsValue(
      d
        ? {
            name: d.name,
            category: d.category,
            price: d.price / 100,
            description: d.description ?? undefined,
          }
        : { name: undefined, category: undefined, price: undefined, description: undefined },
    );
  };
  const upload = async (file: File) => {
    setUploading(true);
    try {
      setPhotoId((await canteenApi.uploadPhoto(file)).id);
    } catch (e) {
      showError(e);
    } finally {
      setUploading(false);
    }
  };
  const saveDish = async () => {
    const v = await form.validateFields();
    const body = {
      ...v,
      description: v.description || null,
      price: Math.round(v.price * 100),
      photoFileId: photoId,
    };
    try {
      const id = dishEdit?.id;
      if (id)
        await canteenApi.updateDish(id, { ...body, active: dishes.find((d) => d.id === id)?.active ?? true });
      else await canteenApi.addDish(body);
      void message.success(t('saved'));
      setDishEdit(undefined);
      form.resetFields();
      void loadDishes();
      loadMenus();
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
                data-testid="menu-day"
                data-day={d}
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
                <ItemList
                  size="small"
                  items={menu?.dishes ?? []}
                  rowKey="dishId"
                  renderItem={(x) => (
                    <ItemRow extra={`¥${fmtYuan(x.price)}`}>
                      <Space size={4}>
                        {x.photoFileId && (
                          <Image
                            src={photoUrl(x.photoFileId)}
                            alt={x.name}
                            width={28}
                            height={28}
                            style={{ objectFit: 'cover' }}
                          />
                        )}
                        <Tag variant="filled">{t(`cat_${x.category}`)}</Tag>
                        {x.name}
                      </Space>
                    </ItemRow>
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
            <Button icon={<PlusOutlined />} onClick={() => openDish(null)} data-testid="dish-add">
              {t('addDish')}
            </Button>
          )
        }
      >
        <Table<Dish>
          size="small"
          rowKey="id"
          data-testid="dish-table"
          dataSource={dishes}
          pagination={{ pageSize: 10 }}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('photo'),
              dataIndex: 'photoFileId',
              render: (id: string | null, d) =>
                id ? (
                  <Image
                    src={photoUrl(id)}
                    alt={d.name}
                    width={40}
                    height={40}
                    style={{ objectFit: 'cover', borderRadius: 4 }}
                  />
                ) : (
                  <span style={{ color: '#bbb' }}>{t('noPhoto')}</span>
                ),
            },
            { title: t('name'), dataIndex: 'name' },
            { title: t('category'), dataIndex: 'category', render: (c: Category) => t(`cat_${c}`) },
            { title: t('price'), dataIndex: 'price', align: 'right', render: (v: number) => fmtYuan(v) },
            {
              title: t('rating'),
              dataIndex: 'rating',
              render: (v: number | null, d) => (v ? `★${v}（${d.ratings}）` : '—'),
            },
            { title: t('description'), dataIndex: 'description' },
            ...(writable
              ? [
                  {
                    key: 'op',
                    render: (_: unknown, d: Dish) => (
                      <a onClick={() => openDish(d)} data-testid="dish-edit">
                        {t('edit')}
                      </a>
                    ),
                  },
                ]
              : []),
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
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="menu-dishes"
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
        open={dishEdit !== undefined}
        title={dishEdit?.id ? t('editDish') : t('addDish')}
        onCancel={() => setDishEdit(undefined)}
        onOk={() => void saveDish()}
        okButtonProps={{ disabled: uploading, 'data-testid': 'dish-save' } as ButtonProps}
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('name')} rules={[{ required: true, max: 60 }]}>
            <Input data-testid="dish-name" />
          </Form.Item>
          <Form.Item name="category" label={t('category')} rules={[{ required: true }]}>
            <Select
              options={CATEGORIES.map((c) => ({ value: c, label: t(`cat_${c}`) }))}
              data-testid="dish-category"
            />
          </Form.Item>
          <Form.Item name="price" label={t('price')} rules={[{ required: true }]}>
            <InputNumber
              min={0.01}
              max={1000}
              precision={2}
              style={{ width: '100%' }}
              data-testid="dish-price"
            />
          </Form.Item>
          <Form.Item name="description" label={t('description')}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item label={t('photo')}>
            <Space align="start">
              {photoId && (
                <Image
                  src={photoUrl(photoId)}
                  alt={t('photo')}
                  width={96}
                  height={96}
                  style={{ objectFit: 'cover', borderRadius: 4 }}
                />
              )}
              <Upload
                accept="image/jpeg,image/png,image/webp"
                showUploadList={false}
                beforeUpload={(file) => {
                  void upload(file);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={uploading} data-testid="dish-photo">
                  {t('uploadPhoto')}
                </Button>
              </Upload>
              {photoId && <a onClick={() => setPhotoId(null)}>{t('removePhoto')}</a>}
            </Space>
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
