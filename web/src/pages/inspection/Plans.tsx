import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Empty, Progress, Segmented, Select, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Coverage, InspectionPlan } from '@shared/api/inspections.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { canPlanInspections, useCoverage, useInspectionPlans } from '../../api/inspections.ts';
import { usePlans } from '../../api/plans.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { cnDate, yearOptions } from '../supervision/common.tsx';

type CoverageRow = Coverage['units'][number];

/** Which units were inspected in the plan period, and which are still to be. */
export function CoverageView({ regionId }: { regionId: string | null }) {
  const [params, setParams] = useSearchParams();
  const planId = params.get('planId') ?? undefined;
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const show = params.get('show') ?? 'all';
  const plans = usePlans(regionId);
  const c = useCoverage(regionId, { planId, year });
  const d = c.data;
  const pct = d && d.total ? Math.round((d.covered / d.total) * 100) : 0;
  const endYear = d?.to.slice(0, 4);
  return (
    <>
      <div className="fz-toolbar">
        <Select
          aria-label="统计期间"
          style={{ width: 440 }}
          placeholder="当前规划期"
          value={year ? `year:${year}` : (planId ?? d?.planId) ? `plan:${planId ?? d?.planId}` : undefined}
          onChange={(v: string) => {
            const [k, x] = v.split(':') as [string, string];
            setParams((p) => (p.delete('planId'), p.delete('year'), p.set(k === 'year' ? 'year' : 'planId', x), p), { replace: true });
          }}
          options={[
            { label: '规划期', options: (plans.data ?? []).filter((p) => p.period).map((p) => ({ value: `plan:${p.id}`, label: `${p.title}（${p.period![0]}—${p.period![1]}年）` })) },
            { label: '年度', options: yearOptions().map((y) => ({ value: `year:${y.value}`, label: y.label })) },
          ]}
        />
        {d && <Typography.Text type="secondary">{d.planTitle ? '规划期' : '年度'} {cnDate(d.from)} 至 {cnDate(d.to)}</Typography.Text>}
      </div>
      {d && (
        <>
          <Space size={48} style={{ margin: '8px 0 16px' }} wrap>
            <div style={{ display: 'flex', alignItems: 'center', gap: 16 }}>
              <Progress type="circle" percent={pct} size={88} status={pct === 100 ? 'success' : 'normal'} aria-label="督察覆盖率" />
              <Statistic title="已督察单位" value={d.covered} suffix={`/ ${d.total}`} />
            </div>
            <Statistic title="已列入计划、尚未督察" value={d.planned} />
            <Statistic title="未安排督察" value={d.total - d.covered - d.planned} valueStyle={{ color: d.total - d.covered - d.planned ? '#cf1322' : undefined }} />
          </Space>
          <div style={{ marginBottom: 8 }}><Segmented value={show} onChange={(v) => setParams((p) => (p.set('show', v), p), { replace: true })} options={[{ value: 'all', label: `全部（${d.total}）` }, { value: 'todo', label: `未督察（${d.total - d.covered}）` }, { value: 'done', label: `已督察（${d.covered}）` }]} /></div>
          {d.covered < d.total && <Alert style={{ marginBottom: 12 }} type="warning" showIcon title={d.planTitle ? `规划期内应实现督察全覆盖：还有 ${d.total - d.covered} 个单位未督察，请在${endYear}年底前安排。` : `${endYear}年还有 ${d.total - d.covered} 个单位未督察。`} />}
          <Table<CoverageRow>
            rowKey="unitId"
            size="small"
            bordered
            loading={c.isFetching}
            dataSource={[...d.units].filter((u) => (show === 'done' ? u.visits > 0 : show === 'todo' ? u.visits === 0 : true)).sort((x, y) => Number(x.visits > 0) - Number(y.visits > 0))}
            pagination={{ pageSize: 50, hideOnSinglePage: true }}
            columns={[
              { title: '单位', dataIndex: 'unitName' },
              { title: '督察情况', key: 's', width: 150, render: (_v, r) => (r.visits ? <Tag color="green">已督察 {r.visits} 次</Tag> : r.plannedOn ? <Tag color="blue">已列入计划</Tag> : <Tag color="red">未安排</Tag>) },
              { title: '最近督察', dataIndex: 'lastVisitedOn', width: 130, render: (s: string | null) => (s ? cnDate(s) : '—') },
              { title: '计划督察', dataIndex: 'plannedOn', width: 130, render: (s: string | null) => (s ? cnDate(s) : '—') },
              { title: '问题', dataIndex: 'problems', width: 70, render: (n: number, r) => (n ? <Link to={`/inspection/problems?unitId=${r.unitId}`} aria-label={`${r.unitName}的问题清单`}>{n}</Link> : 0) },
              { title: '未销号', dataIndex: 'openProblems', width: 80 },
              { title: '逾期未整改', dataIndex: 'overdueProblems', width: 100, render: (n: number, r) => (n ? <Link to={`/inspection/problems?unitId=${r.unitId}&overdue=1`} style={{ color: '#cf1322' }}>{n}</Link> : 0) },
            ]}
          />
        </>
      )}
    </>
  );
}

export default function Plans() {
  const me = useCurrentUser();
  const nav = useNavigate();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'plans';
  const q = useInspectionPlans(me.currentRegionId);
  return (
    <>
      <PageHeader title="督察计划" extra={canPlanInspections(me) && <Button type="primary" icon={<PlusOutlined />} onClick={() => void nav('/inspection/plans/new')}>制定督察计划</Button>} />
      <Card size="small">
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            {
              key: 'plans',
              label: '督察计划',
              children: (
                <Table<InspectionPlan>
                  rowKey="id"
                  size="small"
                  bordered
                  loading={q.isFetching}
                  dataSource={q.data}
                  locale={{ emptyText: <Empty description="还没有督察计划" /> }}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  columns={[
                    { title: '督察计划', dataIndex: 'title', render: (t: string, p) => <Link to={`/inspection/plans/${p.id}`}>{t}</Link> },
                    { title: '年度', dataIndex: 'year', width: 70 },
                    { title: '时间', key: 'd', width: 210, render: (_v, p) => `${p.startsOn} 至 ${p.endsOn}` },
                    { title: '督察进度', key: 'u', width: 150, render: (_v, p) => <Progress percent={p.unitCount ? Math.round((p.recordedCount / p.unitCount) * 100) : 0} size="small" format={() => `${p.recordedCount}/${p.unitCount}`} /> },
                    { title: '问题', dataIndex: 'problemCount', width: 70 },
                    { title: '未销号', dataIndex: 'openProblemCount', width: 80, render: (n: number) => (n ? <Typography.Text type="warning">{n}</Typography.Text> : 0) },
                    { title: '制定', key: 'c', width: 110, render: (_v, p) => <>{p.createdByName}<div style={{ fontSize: 12, color: '#8c8c8c' }}>{p.createdAt.slice(0, 10)}</div></> },
                  ]}
                />
              ),
            },
            { key: 'coverage', label: '督察覆盖', children: <CoverageView regionId={me.currentRegionId} /> },
          ]}
        />
      </Card>
    </>
  );
}
