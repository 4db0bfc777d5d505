/**
 * 领导驾驶舱: plan completion overall and by chapter, on-time reports by period, units ranked, units ×
 * chapters by status, tasks behind 序时进度 and metrics against targets. Filters live in the URL;
 * clicking any chart opens the records behind the clicked part.
 */
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, Col, Drawer, Dropdown, Empty, Row, Select, Space, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { FilePdfOutlined, FileTextOutlined, FileWordOutlined, PrinterOutlined } from '@ant-design/icons';
import type { Cockpit as CockpitT, CockpitQuery, CockpitTask, CockpitTasksQuery, ExportFilters } from '@shared/api/dashboard.ts';
import { ON_TIME_LABEL } from '@shared/api/dashboard.ts';
import { UNIT_KIND_LABEL, UNIT_KINDS, type UnitKind } from '@shared/enums.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { cockpitDocxUrl, cockpitPdfUrl, periodSummaryUrl, useCockpit, useCockpitPeriod, useCockpitTasks } from '../../api/dashboard.ts';
import { ExportButton } from '../dashboard/ExportButton.tsx';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { Chart, pngToolbox, type ChartOption } from './Chart.tsx';

const STATUS = ['已完成', '推进中', '长期坚持', '未开始', '滞后', '逾期'] as const;
/** Colours that stay apart in print and in grey: each status also carries its number as a label. */
const STATUS_COLOR: Record<(typeof STATUS)[number], string> = { 已完成: '#389e0d', 推进中: '#1f5fae', 长期坚持: '#13a8a8', 未开始: '#bfbfbf', 滞后: '#fa8c16', 逾期: '#cf1322' };

type Drill = { title: string; tasks?: CockpitTasksQuery; period?: { periodId: string; unitId?: string }; filters?: ExportFilters } | null;

const short = (s: string, n = 10) => (s.length > n ? `${s.slice(0, n)}…` : s);

function TaskTable({ tasks }: { tasks: CockpitTask[] }) {
  return (
    <Table<CockpitTask>
      size="small"
      rowKey="id"
      dataSource={tasks}
      pagination={tasks.length > 20 ? { pageSize: 20 } : false}
      columns={[
        { title: '编号', dataIndex: 'number', width: 70 },
        { title: '任务', dataIndex: 'text', render: (t: string, r) => <Link to={`/tasks/${r.id}`} className="fz-verbatim">{t}</Link> },
        { title: '牵头单位', dataIndex: 'leadUnits', width: 140, render: (u: string[]) => u.join('、') || '（未分配）' },
        { title: '完成时限', dataIndex: 'due', width: 100, render: (d: string | null) => d ?? '长期' },
        { title: '状态', dataIndex: 'status', width: 80, render: (s: (typeof STATUS)[number]) => <Tag color={STATUS_COLOR[s]}>{s}</Tag> },
      ]}
    />
  );
}

function TasksDrill({ q }: { q: CockpitTasksQuery }) {
  const tasks = useCockpitTasks(q);
  if (tasks.isPending) return <Spin />;
  if (tasks.error) return <Alert type="error" title={errorMessage(tasks.error)} />;
  return (
    <>
      <Typography.Paragraph type="secondary">共 {tasks.data.length} 项任务。</Typography.Paragraph>
      <TaskTable tasks={tasks.data} />
    </>
  );
}

function PeriodTable({ planId, periodId, unitId, f }: { planId: string; periodId: string; unitId?: string; f: CockpitQuery }) {
  const q = useCockpitPeriod({ planId, periodId, unitId, headingId: f.headingId, unitKind: f.unitKind });
  if (q.isPending) return <Spin />;
  if (q.error) return <Alert type="error" title={errorMessage(q.error)} />;
  const color = { on_time: 'green', late: 'orange', missing: 'red' } as const;
  return (
    <>
      <Typography.Paragraph type="secondary">{q.data.period.label}，报送截止 {q.data.period.due}。共 {q.data.items.length} 项应报送。</Typography.Paragraph>
      <Table
        size="small"
        rowKey={(r) => `${r.taskId}${r.unitId}`}
        dataSource={q.data.items}
        pagination={q.data.items.length > 20 ? { pageSize: 20 } : false}
        columns={[
          { title: '单位', dataIndex: 'unitName', width: 150 },
          { title: '任务', dataIndex: 'text', render: (t: string, r) => <Link to={`/tasks/${r.taskId}`} className="fz-verbatim">{r.number} {short(t, 30)}</Link> },
          { title: '提交时间', dataIndex: 'submittedAt', width: 150, render: (s: string | null) => (s ? new Date(s).toLocaleString('zh-CN', { hour12: false }) : '—') },
          { title: '情况', dataIndex: 'timeliness', width: 90, render: (t: keyof typeof ON_TIME_LABEL) => <Tag color={color[t]}>{ON_TIME_LABEL[t]}</Tag> },
        ]}
      />
    </>
  );
}

function charts(c: CockpitT) {
  const statusPie: ChartOption = {
    toolbox: pngToolbox('任务完成情况'),
    tooltip: { trigger: 'item' },
    legend: { bottom: 0 },
    series: [{ type: 'pie', name: '任务状态', radius: ['38%', '66%'], label: { formatter: '{b}\n{c}项' }, data: STATUS.map((s) => ({ name: s, value: c.completion.counts[s], itemStyle: { color: STATUS_COLOR[s] } })).filter((d) => d.value > 0) }],
  };
  const chapterBar: ChartOption = {
    toolbox: pngToolbox('按章节完成情况'),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, left: 0 },
    grid: { left: 8, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', inverse: true, data: c.byChapter.map((x) => short(x.chapter, 12)) },
    series: STATUS.map((s) => ({ type: 'bar', name: s, stack: 'all', itemStyle: { color: STATUS_COLOR[s] }, label: { show: true, formatter: (p: { value: number }) => (p.value ? String(p.value) : '') }, data: c.byChapter.map((x) => x.counts[s]) })),
  };
  const trend: ChartOption = {
    toolbox: pngToolbox('按时报送率趋势'),
    tooltip: { trigger: 'axis' },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0 },
    xAxis: { type: 'category', data: c.onTimeTrend.map((p) => p.label.replace('年第', '\n第')) },
    yAxis: [{ type: 'value', max: 100, axisLabel: { formatter: '{value}%' } }],
    series: [{ type: 'line', name: '按时报送率', data: c.onTimeTrend.map((p) => p.rate), symbolSize: 8, itemStyle: { color: '#1f5fae' }, label: { show: c.onTimeTrend.length <= 12, formatter: '{c}%' } }],
  };
  const ranking: ChartOption = {
    toolbox: pngToolbox('单位报送排名'),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, left: 0 },
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: c.unitRanking.map((u) => short(u.unitName, 10)) },
    series: [
      { type: 'bar', name: '按时报送率', data: c.unitRanking.map((u) => u.onTimeRate), itemStyle: { color: '#1f5fae' }, label: { show: c.unitRanking.length <= 30, position: 'right', formatter: (p: { value: number }) => (p.value ? `${p.value}%` : '') } },
      { type: 'bar', name: '审核通过率', data: c.unitRanking.map((u) => u.acceptedRate), itemStyle: { color: '#389e0d' }, label: { show: c.unitRanking.length <= 30, position: 'right', formatter: (p: { value: number }) => (p.value ? `${p.value}%` : '') } },
    ],
  };
  const unitIndex = new Map(c.heatmap.units.map((u, i) => [u.id, i]));
  const chIndex = new Map(c.heatmap.chapters.map((x, i) => [x.id, i]));
  const heat: ChartOption = {
    toolbox: pngToolbox('单位章节热力图'),
    tooltip: { formatter: (p: { data: [number, number, number, number, number, number] }) => `${c.heatmap.units[p.data[1]]?.name}<br/>${c.heatmap.chapters[p.data[0]]?.label}<br/>任务 ${p.data[3]} 项，滞后 ${p.data[4]}，逾期 ${p.data[5]}` },
    grid: { left: 8, right: 16, top: 8, bottom: 48, containLabel: true },
    xAxis: { type: 'category', data: c.heatmap.chapters.map((x) => short(x.label, 6)), axisLabel: { interval: 0, rotate: 30 }, splitArea: { show: true } },
    yAxis: { type: 'category', inverse: true, data: c.heatmap.units.map((u) => short(u.name, 10)), splitArea: { show: true } },
    visualMap: { type: 'piecewise', orient: 'horizontal', left: 'center', bottom: 0, dimension: 2, pieces: [{ value: 0, label: '正常', color: '#95de64' }, { value: 1, label: '有滞后', color: '#ffc53d' }, { value: 2, label: '有逾期', color: '#ff4d4f' }] },
    series: [{ type: 'heatmap', name: '状态', data: c.heatmap.cells.map((x) => [chIndex.get(x.headingId), unitIndex.get(x.unitId), x.score, x.total, x.behind, x.overdue]), label: { show: c.heatmap.units.length <= 30, formatter: (p: { data: number[] }) => String(p.data[3]) } }],
  };
  const targets: ChartOption = {
    toolbox: pngToolbox('指标完成情况'),
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 40, top: 24, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, max: (v: { max: number }) => Math.max(100, Math.ceil(v.max / 10) * 10), axisLabel: { formatter: '{value}%' } },
    yAxis: { type: 'category', inverse: true, data: c.targets.map((t) => `${t.number} ${short(t.metric ?? t.raw, 8)}`) },
    series: [{ type: 'bar', name: '完成比例', data: c.targets.map((t) => ({ value: t.ratio ?? 0, itemStyle: { color: (t.ratio ?? 0) >= 100 ? '#389e0d' : '#fa8c16' } })), label: { show: true, position: 'right', formatter: (p: { dataIndex: number }) => { const t = c.targets[p.dataIndex]!; return t.actual === null ? '未报' : `${t.actual}/${t.target}${t.unit ?? ''}`; } } }],
  };
  return { statusPie, chapterBar, trend, ranking, heat, targets };
}

export default function Cockpit({ embedded = false }: { embedded?: boolean }) {
  const me = useCurrentUser();
  const [sp, setSp] = useSearchParams();
  const f: CockpitQuery = {
    regionId: me.currentRegionId ?? undefined,
    planId: sp.get('plan') ?? undefined,
    periodId: sp.get('period') ?? undefined,
    headingId: sp.get('chapter') ?? undefined,
    unitKind: (sp.get('kind') as UnitKind | null) ?? undefined,
  };
  const q = useCockpit(f, !!me.currentRegionId);
  const [drill, setDrill] = useState<Drill>(null);
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(sp);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k === 'plan') ['period', 'chapter'].forEach((x) => next.delete(x));
    setSp(next, { replace: true });
  };
  const c = q.data;
  const opts = useMemo(() => (c ? charts(c) : null), [c]);
  const header = (
    <PageHeader
      title="领导驾驶舱"
      extra={<Button icon={<PrinterOutlined />} onClick={() => window.print()} className="fz-no-print">打印</Button>}
    />
  );
  if (!me.currentRegionId) return <Alert type="info" title="请先在右上角选择地区" />;
  if (q.isPending) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;
  if (q.error) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  if (!c || !opts) return null;
  if (!c.plan) return <Card>{header}<Empty description="本地区尚未导入方案" /></Card>;
  /** a drill-down to the tasks matching what was clicked, inside the cockpit's own filters (and the Excel export of them) */
  const tasksWhere = (title: string, narrow: { status?: CockpitTask['status']; headingId?: string; unitId?: string; taskId?: string }) =>
    setDrill({
      title,
      tasks: { ...f, planId: c.plan!.id, ...narrow },
      filters: narrow.taskId ? undefined : { planId: c.plan!.id, unitKind: f.unitKind, headingId: narrow.headingId ?? f.headingId, status: narrow.status, unitId: narrow.unitId },
    });
  /** the files for a meeting carry what is on screen */
  const fileQuery = { planId: c.plan.id, periodId: f.periodId, headingId: f.headingId, unitKind: f.unitKind };

  return (
    <div className="fz-cockpit">
      {!embedded && header}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap aria-label="筛选">
          <span>方案</span>
          <Select aria-label="方案" style={{ width: 320 }} value={c.plan.id} options={c.plans.map((p) => ({ value: p.id, label: p.title }))} onChange={(v) => set('plan', v)} />
          <span>报送周期</span>
          <Select aria-label="报送周期" style={{ width: 160 }} value={c.period?.id} options={c.periods.map((p) => ({ value: p.id, label: p.label }))} onChange={(v) => set('period', v)} />
          <span>章节</span>
          <Select aria-label="章节" allowClear placeholder="全部章节" style={{ width: 220 }} value={f.headingId} options={c.chapters.map((x) => ({ value: x.id, label: x.label }))} onChange={(v) => set('chapter', v)} />
          <span>单位类别</span>
          <Select aria-label="单位类别" allowClear placeholder="全部单位" style={{ width: 140 }} value={f.unitKind} options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABEL[k] }))} onChange={(v) => set('kind', v)} />
          {embedded && <Link to={`/cockpit?${sp.toString()}`}>在新页面打开</Link>}
          {embedded && <Button icon={<PrinterOutlined />} onClick={() => window.print()} className="fz-no-print">打印</Button>}
          <Button icon={<FileWordOutlined />} href={cockpitDocxUrl(fileQuery)} className="fz-no-print">导出 Word</Button>
          <Button icon={<FilePdfOutlined />} href={cockpitPdfUrl(fileQuery)} className="fz-no-print">导出 PDF</Button>
          <Dropdown className="fz-no-print" menu={{ items: [{ key: 'docx', label: <a href={periodSummaryUrl(fileQuery, 'docx')}>Word</a> }, { key: 'pdf', label: <a href={periodSummaryUrl(fileQuery, 'pdf')}>PDF</a> }] }}>
            <Button icon={<FileTextOutlined />}>报送情况汇总</Button>
          </Dropdown>
        </Space>
      </Card>
      <Row gutter={[12, 12]} className="fz-cockpit-stats">
        <Col xs={12} md={6}><Card size="small" hoverable onClick={() => tasksWhere('全部任务', {})}><Statistic title="任务总数" value={c.completion.counts.total} suffix="项" /></Card></Col>
        <Col xs={12} md={6}><Card size="small" hoverable onClick={() => tasksWhere('已完成的任务', { status: '已完成' })}><Statistic title="完成率" value={c.completion.doneRate} suffix="%" /></Card></Col>
        <Col xs={12} md={6}><Card size="small"><Statistic title="按序时推进" value={c.completion.onTrackRate} suffix="%" /></Card></Col>
        <Col xs={12} md={6}><Card size="small" hoverable onClick={() => tasksWhere('滞后于序时进度的任务', { status: '滞后' })}><Statistic title="滞后任务" value={c.behind.length} suffix="项" styles={{ content: { color: c.behind.length ? '#d46b08' : undefined } }} /></Card></Col>
      </Row>
      <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
        <Col xs={24} lg={10}>
          <Card size="small" title="任务完成情况">
            <Chart label="任务完成情况" option={opts.statusPie} onClick={(p) => tasksWhere(`状态为「${p.name}」的任务`, { status: p.name as CockpitTask['status'] })} />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card size="small" title="按章节完成情况">
            <Chart label="按章节完成情况" option={opts.chapterBar} height={Math.max(300, c.byChapter.length * 34 + 60)} onClick={(p) => { const ch = c.byChapter[p.dataIndex]!; tasksWhere(`${ch.chapter}：${p.seriesName}`, { headingId: ch.headingId, status: p.seriesName as CockpitTask['status'] }); }} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="各期按时报送率">
            {c.onTimeTrend.length ? <Chart label="各期按时报送率" option={opts.trend} onClick={(p) => { const pt = c.onTimeTrend[p.dataIndex]!; setDrill({ title: `${pt.label}报送情况：按时 ${pt.onTime}，逾期 ${pt.late}，未报送 ${pt.missing}`, period: { periodId: pt.periodId }, filters: { planId: c.plan!.id, periodId: pt.periodId } }); }} /> : <Empty description="尚无已截止的报送周期" />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={`单位排名${c.period ? `（${c.period.label}）` : ''}`}>
            {c.unitRanking.length ? <Chart label="单位排名" option={opts.ranking} height={Math.max(300, c.unitRanking.length * 26 + 60)} onClick={(p) => { const u = c.unitRanking[p.dataIndex]!; setDrill({ title: `${u.unitName}：${c.period?.label ?? ''}报送情况`, period: { periodId: c.period!.id, unitId: u.unitId }, filters: { planId: c.plan!.id, periodId: c.period!.id, unitId: u.unitId } }); }} /> : <Empty description="本期没有应报送的任务" />}
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title="单位 × 章节 任务状态">
            <Chart
              label="单位章节热力图"
              option={opts.heat}
              height={Math.max(320, c.heatmap.units.length * 22 + 110)}
              onClick={(p) => {
                const d = p.data as number[];
                const unit = c.heatmap.units[d[1]!]!;
                const ch = c.heatmap.chapters[d[0]!]!;
                tasksWhere(`${unit.name} · ${ch.label}`, { headingId: ch.id, unitId: unit.id });
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={`滞后于序时进度的任务（${c.behind.length}）`}>
            {c.behind.length ? <TaskTable tasks={c.behind} /> : <Empty description="没有滞后任务" />}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title="量化指标完成情况">
            {c.targets.length ? <Chart label="指标完成情况" option={opts.targets} height={Math.max(260, c.targets.length * 28 + 40)} onClick={(p) => { const t = c.targets[p.dataIndex]!; tasksWhere(`指标：${t.raw}`, { taskId: t.taskId }); }} /> : <Empty description="方案中没有可量化的指标" />}
          </Card>
        </Col>
      </Row>
      <Drawer open={!!drill} size="large" title={drill?.title} onClose={() => setDrill(null)} destroyOnHidden extra={drill?.filters && <ExportButton request={{ kind: drill.period ? 'reports' : 'tasks', regionId: c.regionId, filters: drill.filters }} />}>
        {drill?.tasks && <TasksDrill q={drill.tasks} />}
        {drill?.period && <PeriodTable planId={c.plan.id} periodId={drill.period.periodId} unitId={drill.period.unitId} f={f} />}
      </Drawer>
      <style>{`@media print {
  .ant-layout-sider, .fz-header, .fz-no-print, .ant-breadcrumb, .ant-drawer { display: none !important; }
  .ant-layout-content { margin: 0 !important; padding: 0 !important; }
  .fz-cockpit .ant-card { break-inside: avoid; box-shadow: none; border: 1px solid #d9d9d9; }
  .fz-cockpit .ant-row:not(.fz-cockpit-stats) > .ant-col { flex: 0 0 100% !important; max-width: 100% !important; }
  .fz-cockpit-stats > .ant-col { flex: 0 0 25% !important; max-width: 25% !important; }
  body { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}`}</style>
    </div>
  );
}
