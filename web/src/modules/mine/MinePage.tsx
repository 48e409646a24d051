import { Card, Col, Row } from 'antd';
import type { ComponentType } from 'react';
import { Link, useParams } from 'react-router';
import { useT } from '../../app/i18n.ts';
import { NotFound, PageHeader } from '../../shared/Page.tsx';
import { MineSection as Attendance } from '../attendance/mine.tsx';
import { MineSection as Canteen } from '../canteen/mine.tsx';
import { MineSection as Cards } from '../cards/mine.tsx';
import { MineSection as Library } from '../library/mine.tsx';
import { MineSection as Repairs } from '../repairs/mine.tsx';
import { MineSection as Rooms } from '../rooms/mine.tsx';
import { MineSection as Visitors } from '../visitors/mine.tsx';
import { m } from './messages.ts';

/** The sections, in the order a civil servant looks for them; each module renders its own. */
const SECTIONS: readonly { key: string; Section: ComponentType }[] = [
  { key: 'rooms', Section: RoomsCard },
  { key: 'canteen', Section: Canteen },
  { key: 'cards', Section: Cards },
  { key: 'visitors', Section: Visitors },
  { key: 'repairs', Section: Repairs },
  { key: 'library', Section: Library },
  { key: 'attendance', Section: Attendance },
];

/**
 * The rooms module's section is a bare list; here it gets the card the other sections bring, with
 * the same kind of link in its header.
 */
function RoomsCard() {
  const t = useT(m);
  return (
    <Card size="small" title={t('rooms')} extra={<Link to="/rooms">{t('bookRoom')}</Link>}>
      <Rooms />
    </Card>
  );
}

export default function MinePage() {
  const t = useT(m);
  // the page is mounted at mine/*: an unknown sub-path (/mine/nope) is the shell's 404
  if (useParams()['*']) return <NotFound />;
  return (
    <>
      <PageHeader title={t('title')} sub={t('sub')} />
      <Row gutter={[16, 16]}>
        {SECTIONS.map(({ key, Section }) => (
          <Col key={key} xs={24} lg={12} data-testid={`mine-${key}`}>
            <Section />
          </Col>
        ))}
      </Row>
    </>
  );
}
