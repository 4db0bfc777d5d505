import { lazy, Suspense, type ReactNode } from 'react';
import { Link } from 'react-router';
import { Alert, Card, Col, Row, Spin, Statistic, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { LiaisonWorkbench, OfficeWorkbench, WeekItem } from '@shared/api/dashboard.ts';
import type { Role } from '@shared/enums.ts';
import { useCurrentUser } from '../api/auth.ts';
import { errorMessage } from '../api/client.ts';
import { useWorkbench } from '../api/dashboard.ts';
import { useRegions } from '../api/regions.ts';
import { useRegionName } from '../lib/region.ts';

/** The cockpit (and ECharts with it) loads only for those whose 工作台 it is. */
const CockpitView = lazy(() => import('./cockpit/Cockpit.tsx'));

const ROLE_INTRO: Record<Role, string> = {
  admin: '您负责维护地区、账号与系统配置，可查看全部地区的操作日志。',
  office: '您负责本县方案导入、任务分解、单位名录维护、报送审核与督办。下面是现在需要您处理的事项。',
  liaison: '您负责本单位承担任务的进展报送与佐证材料上传。下面是本期需要您办理的事项。',
  leader: '下面是全县法治政府建设任务推进情况，点击图表可查看明细。',
  inspector: '下面是全县法治政府建设任务推进情况，点击图表可查看明细。',
};

function greeting(): string {
  const h = dayjs().hour();
  return h < 6 ? '凌晨好' : h < 12 ? '上午好' : h < 14 ? '中午好' : h < 18 ? '下午好' : '晚上好';
}

/** A number that opens the list it counts. */
function Stat({ title, value, to, danger, hint }: { title: string; value: number; to: string; danger?: boolean; hint?: string }) {
  return (
    <Col xs={12} sm={8} lg={4}>
      <Link to={to} aria-label={`${title} ${value}`}>
        <Card size="small" hoverable className="fz-stat-card">
          <Statistic title={title} value={value} suffix={hint} styles={{ content: { color: danger && value ? '#cf1322' : undefined } }} />
        </Card>
      </Link>
    </Col>
  );
}

const KIND_LABEL: Record<WeekItem['kind'], { text: string; color: string }> = { report: { text: '报送', color: 'blue' }, task: { text: '任务', color: 'orange' }, notice: { text: '督办', color: 'red' } };

function Week({ items }: { items: WeekItem[] }) {
  return (
    <Card size="small" title="本周到期" style={{ marginTop: 16 }}>
      {items.length === 0 ? (
        <Typography.Text type="secondary">未来 7 天没有到期事项。</Typography.Text>
      ) : (
        <ul aria-label="本周到期" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {items.map((i) => (
            <li key={`${i.kind}${i.link}${i.date}`} style={{ padding: '6px 0', borderBottom: '1px solid #f0f0f0', display: 'flex', gap: 12, alignItems: 'baseline' }}>
              <span style={{ width: 86, color: '#595959' }}>{dayjs(i.date).format('M月D日 ddd')}</span>
              <Tag color={KIND_LABEL[i.kind].color}>{KIND_LABEL[i.kind].text}</Tag>
              <Link to={i.link} className="fz-verbatim">{i.label}</Link>
              <Typography.Text type="secondary">{i.detail}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function LiaisonHome({ w }: { w: LiaisonWorkbench }) {
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {w.unit.name}{w.period ? ` · ${w.period.label}（${dayjs(w.period.due).format('M月D日')}前报送）` : ''}
      </Typography.Title>
      <Row gutter={[12, 12]} aria-label="本期待办">
        <Stat title="本期应报送" value={w.dueThisPeriod} to="/reports" />
        <Stat title="尚未提交" value={w.toDo} to="/reports?state=none" danger />
        <Stat title="被退回待修改" value={w.returned} to="/reports?state=returned" danger />
        <Stat title="逾期" value={w.overdue} to="/reports?deadline=overdue" danger />
        <Stat title="督办单待反馈" value={w.noticesToAnswer} to="/supervision/notices?state=open" danger />
        <Stat title="待汇总（牵头）" value={w.consolidation.length} to="#consolidation" />
      </Row>
      {w.consolidation.length > 0 && (
        <Card size="small" id="consolidation" title="责任单位已报送、待牵头单位汇总" style={{ marginTop: 16 }}>
          <ul aria-label="待汇总" style={{ margin: 0, paddingLeft: 18 }}>
            {w.consolidation.map((c) => (
              <li key={`${c.taskId}${c.periodId}`} style={{ padding: '4px 0' }}>
                <Link to={`/reports/edit?taskId=${c.taskId}&periodId=${c.periodId}`} className="fz-verbatim">{c.number} {c.text.slice(0, 40)}</Link>
                <Typography.Text type="secondary" style={{ marginLeft: 8 }}>
                  {c.periodLabel}：责任单位已报 {c.coSubmitted}/{c.coTotal}，本单位{c.state}
                </Typography.Text>
              </li>
            ))}
          </ul>
        </Card>
      )}
      <Week items={w.week} />
    </>
  );
}

function OfficeHome({ w }: { w: OfficeWorkbench }) {
  return (
    <>
      <Row gutter={[12, 12]} aria-label="待处理">
        <Stat title="待审核报送" value={w.toReview} to="/reports/review" danger />
        <Stat title="进度落后的单位" value={w.unitsBehind} to="/supervision?tab=units" danger />
        <Stat title="滞后任务" value={w.behindTasks} to="/supervision?tab=tasks&status=滞后" danger />
        <Stat title="逾期任务" value={w.overdueTasks} to="/supervision?tab=tasks&status=逾期" danger />
        <Stat title="逾期未报送" value={w.overdueReports} to="/supervision?tab=reports" danger />
        <Stat title="待审批延期" value={w.pendingExtensions} to="/supervision/extensions?state=pending" danger />
        <Stat title="未办结督办单" value={w.openNotices} to="/supervision?tab=notices" />
        <Stat title="逾期未反馈督办单" value={w.overdueNotices} to="/supervision?tab=notices&overdue=1" danger />
        <Stat title="未处理警示" value={w.openWarnings} to="/supervision/warnings" />
      </Row>
      <Week items={w.week} />
    </>
  );
}

export default function Dashboard() {
  const me = useCurrentUser();
  const regionId = me.currentRegionId;
  const regionName = useRegionName();
  const regions = useRegions(me.regions.length > 1);
  const level = regions.data?.find((r) => r.id === regionId)?.level;
  const wb = useWorkbench(regionId);
  let body: ReactNode = null;
  if (wb.isPending) body = <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;
  else if (wb.error) body = <Alert type="error" showIcon title={errorMessage(wb.error)} />;
  else if (wb.data.cockpit) body = <Suspense fallback={<div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>}><CockpitView embedded /></Suspense>;
  else if (wb.data.liaison) body = <LiaisonHome w={wb.data.liaison} />;
  else if (wb.data.office) body = <OfficeHome w={wb.data.office} />;
  else body = <Alert type="info" showIcon title="您的账号尚未关联单位或地区，请联系依法治办。" />;

  return (
    <>
      <Card style={{ marginBottom: 16 }} className="fz-no-print">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {me.displayName}，{greeting()}！
        </Typography.Title>
        <div style={{ display: 'flex', gap: 24, flexWrap: 'wrap', color: '#595959' }}>
          <span>
            角色：<Tag color="blue">{me.roleLabel}</Tag>
          </span>
          <span>当前地区：{regionName}</span>
          {me.unit && <span>所属单位：{me.unit.name}</span>}
          <span>今天是 {dayjs().format('YYYY年M月D日 dddd')}</span>
        </div>
        <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0' }}>
          {ROLE_INTRO[me.role]}
        </Typography.Paragraph>
      </Card>
      {level && level !== 'county' && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`当前地区「${regionName}」不是县级地区。单位名录、方案与任务按县（市、区）管理，请点击右上角的地区名称切换到具体的县。`}
        />
      )}
      {body}
    </>
  );
}
