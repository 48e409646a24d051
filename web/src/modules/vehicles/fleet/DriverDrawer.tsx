import { useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import { App, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Row, Select } from 'antd';
import { useT } from '../../../app/i18n.ts';
import { useApiError } from '../../../shared/feedback.ts';
import { UnitSelect } from '../../../shared/OrgSelects.tsx';
import { useIsPhone } from '../../../shared/useIsPhone.ts';
import { m } from '../messages.ts';
import { DRIVER_STATUSES, fleetApi, LICENCE_CLASSES, type DriverDetail } from './api.ts';
import { mf } from './messages.ts';

interface Values {
  name: string;
  phone?: string;
  unitId: string;
  licenceClass: string;
  licenceNo?: string;
  licenceExpiresOn: Dayjs;
  contractStartsOn?: Dayjs | null;
  contractEndsOn?: Dayjs | null;
  uniformIssuedOn?: Dayjs | null;
  badgeNo?: string;
  maxDailyMinutes: number;
  minRestMinutes: number;
  status?: string;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const dayOf = (s: string | null) => (s ? dayjs(s) : null);

/**
 * Registers a driver (司勤人员) or changes one: licence class, number and expiry, employment contract,
 * uniform and badge, the working-hour rules the planner keeps (daily maximum, rest) and the status.
 * Mounted while open (a new key per driver), so the form starts from the driver it edits.
 */
export function DriverDrawer({
  driver,
  onClose,
  onSaved,
}: {
  /** the driver to change, or null to register a new one */
  driver: DriverDetail | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT(mf);
  const tv = useT(m);
  const { message } = App.useApp();
  const onError = useApiError();
  const isPhone = useIsPhone();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const required = [{ required: true, message: t('required') }];

  const save = async (v: Values) => {
    const body = {
      name: v.name,
      phone: v.phone?.trim() || null,
      licenceClass: v.licenceClass,
      licenceNo: v.licenceNo?.trim() || null,
      licenceExpiresOn: day(v.licenceExpiresOn),
      contractStartsOn: day(v.contractStartsOn),
      contractEndsOn: day(v.contractEndsOn),
      uniformIssuedOn: day(v.uniformIssuedOn),
      badgeNo: v.badgeNo?.trim() || null,
      maxDailyMinutes: v.maxDailyMinutes,
      minRestMinutes: v.minRestMinutes,
      ...(driver ? { version: driver.version, status: v.status } : { unitId: v.unitId }),
    };
    setBusy(true);
    try {
      if (driver) await fleetApi.updateDriver(driver.id, body);
      else await fleetApi.createDriver(body);
      void message.success(t('saved'));
      onSaved();
      onClose();
    } catch (e) {
      onError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      open
      onClose={onClose}
      size={isPhone ? '100%' : 560}
      title={driver ? t('editDriver', { name: driver.name }) : t('newDriver')}
      data-testid="veh-driver-drawer"
      extra={
        <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="veh-driver-save">
          {t('save')}
        </Button>
      }
    >
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={save}
        initialValues={
          driver
            ? {
                name: driver.name,
                phone: driver.phone ?? undefined,
                unitId: driver.unitId,
                licenceClass: driver.licenceClass,
                licenceNo: driver.licenceNo ?? undefined,
                licenceExpiresOn: dayjs(driver.licenceExpiresOn),
                contractStartsOn: dayOf(driver.contractStartsOn),
                contractEndsOn: dayOf(driver.contractEndsOn),
                uniformIssuedOn: dayOf(driver.uniformIssuedOn),
                badgeNo: driver.badgeNo ?? undefined,
                maxDailyMinutes: driver.maxDailyMinutes,
                minRestMinutes: driver.minRestMinutes,
                status: driver.status,
              }
            : { licenceClass: 'C1', maxDailyMinutes: 600, minRestMinutes: 30 }
        }
      >
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="name" label={tv('driver')} rules={required}>
              <Input maxLength={50} data-testid="veh-driver-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="phone" label={tv('contactPhone')}>
              <Input maxLength={30} data-testid="veh-driver-phone" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="unitId" label={t('unit')} rules={required}>
          <UnitSelect
            selectedLabel={driver?.unitName}
            disabled={driver !== null}
            data-testid="veh-driver-unit"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12} sm={8}>
            <Form.Item name="licenceClass" label={tv('licence')} rules={required}>
              <Select options={LICENCE_CLASSES.map((c) => ({ value: c, label: c }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="licenceNo" label={t('licenceNo')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item name="licenceExpiresOn" label={tv('licenceExpires')} rules={required}>
              <DatePicker style={{ width: '100%' }} data-testid="veh-driver-licence-expires" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="contractStartsOn" label={t('contractStarts')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="contractEndsOn" label={tv('contractEnds')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="uniformIssuedOn" label={t('uniformIssued')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="badgeNo" label={t('badgeNo')}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={12}>
            <Form.Item name="maxDailyMinutes" label={t('maxDailyMinutes')} rules={required}>
              <InputNumber min={60} max={960} step={30} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item name="minRestMinutes" label={t('minRestMinutes')} rules={required}>
              <InputNumber min={0} max={240} step={5} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        {driver && (
          <Form.Item name="status" label={tv('status')}>
            <Select
              data-testid="veh-driver-status"
              options={DRIVER_STATUSES.map((s) => ({ value: s, label: t(`ds_${s}`) }))}
            />
          </Form.Item>
        )}
      </Form>
    </Drawer>
  );
}
