import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Collapse,
  Descriptions,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Tree,
  Typography,
  type TableColumnsType,
} from 'antd';
import { DownloadOutlined, TeamOutlined, UploadOutlined } from '@ant-design/icons';
import { BulkAssignRequest, RemoveAssignmentRequest, type PlanDetail as PlanDetailT, type PlanTaskView } from '@shared/api/plans.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { useBulkAssign, usePlan, usePlanSource, useRemoveAssignment, useReporting, useSetReporting } from '../../api/plans.ts';
import { useUnits } from '../../api/units.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';
import { applyErrors, zodRule } from '../../lib/forms.ts';
import { canManagePlans } from '../../lib/perm.ts';
import { useRegionName } from '../../lib/region.ts';
import { DiffView, joinPath, periodText, SourceView, targetText, type SourceSpan } from './common.tsx';
import { UploadModal } from './PlanList.tsx';
import { TaskSheetImport } from './TaskSheetImport.tsx';
import { taskSheetExportUrl } from '../../api/dashboard.ts';
import { TASK_STATUS_COLOR } from '../reports/common.tsx';

const STATUSES = ['已完成', '推进中', '长期坚持', '未开始', '滞后', '逾期'] as const;

/** Counts of tasks per computed status, as coloured tags. */
function StatusStrip({ counts }: { counts: Record<string, number> }) {
  return (
    <div style={{ marginTop: 8 }}>
      <Typography.Text type="secondary" style={{ marginRight: 8 }}>任务状态</Typography.Text>
      {STATUSES.map((s) => (
        <Tag key={s} color={TASK_STATUS_COLOR[s]}>
          {s} {counts[s] ?? 0}
        </Tag>
      ))}
    </div>
  );
}

const FREQ = [
  { value: 'monthly', label: '按月' },
  { value: 'quarterly', label: '按季度' },
  { value: 'semiannual', label: '按半年' },
  { value: 'yearly', label: '按年度' },
];

/** How the plan is reported on; the office changes it (the frequency only before any report exists). */
function ReportingTab({ planId, canWrite }: { planId: string; canWrite: boolean }) {
  const { message } = App.useApp();
  const q = useReporting(planId);
  const save = useSetReporting(planId);
  const [form] = Form.useForm();
  if (q.error) return <Alert type="error" showIcon title={errorMessage(q.error)} />;
  if (!q.data) return <Spin />;
  const r = q.data;
  const onFinish = (v: { frequency: 'monthly' | 'quarterly' | 'semiannual' | 'yearly'; dueOffsetDays: number; lagMargin: number }) =>
    save.mutate({ ...v, dueOffsetDays: Number(v.dueOffsetDays), lagMargin: Number(v.lagMargin), version: r.version }, {
      onSuccess: () => void message.success('报送设置已保存'),
      onError: (e) => void message.error(errorMessage(e)),
    });
  return (
    <Row gutter={12}>
      <Col flex="420px">
        <Card size="small" title="报送设置">
          <Form form={form} layout="vertical" disabled={!canWrite || save.isPending} initialValues={{ frequency: r.frequency, dueOffsetDays: r.dueOffsetDays, lagMargin: r.lagMargin }} onFinish={onFinish} key={r.version}>
            <Form.Item name="frequency" label="报送周期" extra="已有单位报送后不能再改变报送周期">
              <Radio.Group options={FREQ} optionType="button" />
            </Form.Item>
            <Form.Item name="dueOffsetDays" label="每期结束后几日内报送" rules={[{ required: true, message: '请填写天数' }]}>
              <Input type="number" min={0} max={60} suffix="日" style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="lagMargin" label="滞后容差" extra="实际进度落后序时进度超过该百分点时，任务记为「滞后」" rules={[{ required: true, message: '请填写容差' }]}>
              <Input type="number" min={0} max={100} suffix="个百分点" style={{ width: 160 }} />
            </Form.Item>
            {canWrite && (
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                保存
              </Button>
            )}
          </Form>
        </Card>
      </Col>
      <Col flex="auto">
        <Card size="small" title={`报送周期（${r.periods.length} 期）`}>
          <Table
            size="small"
            rowKey="id"
            pagination={{ pageSize: 12, size: 'small' }}
            dataSource={r.periods}
            columns={[
              { title: '周期', dataIndex: 'label' },
              { title: '起止', key: 'range', render: (_: unknown, x: { start: string; end: string }) => `${x.start} 至 ${x.end}` },
              { title: '报送截止', dataIndex: 'due', width: 120 },
              { title: '状态', dataIndex: 'closed', width: 80, render: (c: boolean) => (c ? <Tag>已关闭</Tag> : <Tag color="green">开放</Tag>) },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

/** Status counts by chapter and by unit (statuses are computed from deadlines and accepted reports). */
function SummaryTab({ plan }: { plan: PlanDetailT }) {
  const cols = (first: string) => [
    { title: first, dataIndex: 'name', key: 'name', className: 'fz-verbatim' },
    ...STATUSES.map((s) => ({ title: s, key: s, width: 76, align: 'right' as const, render: (_: unknown, r: { counts: Record<string, number> }) => r.counts[s] || <span style={{ color: '#bfbfbf' }}>0</span> })),
    { title: '合计', key: 'total', width: 70, align: 'right' as const, render: (_: unknown, r: { counts: Record<string, number> }) => r.counts.total },
  ];
  return (
    <Row gutter={[12, 12]}>
      <Col span={24}>
        <Card size="small" title="按章节">
          <Table size="small" pagination={false} rowKey="headingId" columns={cols('章节')} dataSource={plan.chapterSummary.map((c) => ({ ...c, name: c.title }))} />
        </Card>
      </Col>
      <Col span={24}>
        <Card size="small" title="按单位">
          <Table size="small" pagination={{ pageSize: 15, size: 'small' }} rowKey="unitId" columns={cols('单位')} dataSource={plan.unitSummary.map((u) => ({ ...u, name: u.unitName }))} />
        </Card>
      </Col>
    </Row>
  );
}

type Heading = PlanDetailT['headings'][number];
type Assignment = PlanTaskView['assignments'][number];
interface TreeNode {
  key: string;
  title: string;
  children: TreeNode[];
}

const ANNEX = '__annex';
const LOOSE = '__loose';

function headingTree(headings: Heading[], tasks: PlanTaskView[]): TreeNode[] {
  const count = new Map<string, number>();
  const byId = new Map(headings.map((h) => [h.id, h]));
  for (const t of tasks) {
    let h = t.headingId ? byId.get(t.headingId) : undefined;
    while (h) {
      count.set(h.id, (count.get(h.id) ?? 0) + 1);
      h = h.parentId ? byId.get(h.parentId) : undefined;
    }
  }
  const nodes = new Map<string, TreeNode>();
  for (const h of headings) {
    const n = count.get(h.id) ?? 0;
    nodes.set(h.id, { key: h.id, title: `${h.number}${/^[（(]/.test(h.number) ? '' : '、'}${h.title}${n ? `（${n}）` : ''}`, children: [] });
  }
  const roots: TreeNode[] = [];
  for (const h of headings) (h.parentId && nodes.get(h.parentId) ? nodes.get(h.parentId)!.children : roots).push(nodes.get(h.id)!);
  const annex = tasks.filter((t) => t.part === 'annex').length;
  const loose = tasks.filter((t) => t.part === 'body' && !t.headingId).length;
  if (loose) roots.push({ key: LOOSE, title: `未归入章节（${loose}）`, children: [] });
  if (annex) roots.push({ key: ANNEX, title: `附件：责任分工（${annex}）`, children: [] });
  return roots;
}

function descendants(headings: Heading[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const h of headings) if (h.parentId && out.has(h.parentId) && !out.has(h.id)) out.add(h.id), (grew = true);
  }
  return out;
}

function BulkAssignModal({ open, planId, taskIds, regionId, onClose }: { open: boolean; planId: string; taskIds: string[]; regionId: string; onClose: (done: boolean) => void }) {
  const [form] = Form.useForm<{ unitIds: string[]; role: 'lead' | 'co'; reason: string }>();
  const units = useUnits(open ? { regionId } : null);
  const assign = useBulkAssign(planId);
  const { message } = App.useApp();
  const [loose, setLoose] = useState<string[]>([]);
  const options = (units.data ?? []).map((u) => ({ value: u.id, label: u.name, search: [u.name, u.shortName ?? '', ...u.aliases.map((a) => a.alias)].join(' ') }));
  const submit = async () => {
    const v = await form.validateFields();
    setLoose([]);
    assign.mutate(
      { taskIds, unitIds: v.unitIds, role: v.role, reason: v.reason },
      {
        onSuccess: (r) => {
          void message.success(`已分配：新增 ${r.added} 条，调整 ${r.changed} 条${r.unchanged ? `，${r.unchanged} 条原已存在` : ''}`);
          onClose(true);
        },
        onError: (e) => setLoose(applyErrors(form, e, ['unitIds', 'role', 'reason'])),
      },
    );
  };
  return (
    <Modal
      open={open}
      title={`批量分配（已选 ${taskIds.length} 项任务）`}
      okText="分配"
      cancelText="取消"
      confirmLoading={assign.isPending}
      onOk={() => void submit()}
      onCancel={() => onClose(false)}
      destroyOnHidden
      afterClose={() => {
        form.resetFields();
        setLoose([]);
      }}
      width={600}
    >
      <Form form={form} layout="vertical" initialValues={{ role: 'lead', unitIds: [], reason: '' }} preserve={false}>
        <Form.Item name="unitIds" label="单位" rules={[zodRule(BulkAssignRequest.shape.unitIds, { required: true })]}>
          <Select
            mode="multiple"
            aria-label="分配的单位"
            placeholder="搜索单位名称、简称或别名"
            loading={units.isLoading}
            options={options}
            filterOption={(input, o) => (o?.search ?? '').includes(input.trim())}
          />
        </Form.Item>
        <Form.Item name="role" label="角色" required>
          <Radio.Group optionType="button" buttonStyle="solid" options={[{ value: 'lead', label: '牵头单位' }, { value: 'co', label: '责任单位' }]} />
        </Form.Item>
        <Form.Item name="reason" label="调整原因" rules={[zodRule(BulkAssignRequest.shape.reason, { required: true })]}>
          <Input.TextArea aria-label="调整原因" autoSize={{ minRows: 2, maxRows: 5 }} placeholder="如：方案未标注责任单位，经县委依法治县办研究确定" maxLength={500} showCount />
        </Form.Item>
      </Form>
      {loose.map((m) => <Alert key={m} type="error" showIcon message={m} />)}
    </Modal>
  );
}

function RemoveModal({ target, planId, onClose }: { target: { a: Assignment; task: PlanTaskView } | null; planId: string; onClose: () => void }) {
  const [form] = Form.useForm<{ reason: string }>();
  const remove = useRemoveAssignment(planId);
  const { message } = App.useApp();
  return (
    <Modal
      open={!!target}
      title={target ? `撤销「${target.a.unitName}」的${target.a.role === 'lead' ? '牵头' : '责任'}分工` : ''}
      okText="撤销分工"
      okButtonProps={{ danger: true }}
      cancelText="取消"
      confirmLoading={remove.isPending}
      destroyOnHidden
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        remove.mutate(
          { id: target!.a.id, reason: v.reason },
          { onSuccess: () => (void message.success('已撤销'), onClose()), onError: (e) => void message.error(applyErrors(form, e, ['reason'])[0] ?? errorMessage(e)) },
        );
      }}
    >
      {target && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>任务 {joinPath(target.task.path)}：{target.task.text}</Typography.Paragraph>}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label="撤销原因" rules={[zodRule(RemoveAssignmentRequest.shape.reason, { required: true })]}>
          <Input.TextArea aria-label="撤销原因" autoSize={{ minRows: 2 }} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AssignmentTags({ task, role, canWrite, onRemove }: { task: PlanTaskView; role: 'lead' | 'co'; canWrite: boolean; onRemove: (a: Assignment) => void }) {
  const [open, setOpen] = useState(false);
  const list = task.assignments.filter((a) => a.role === role);
  const ids = new Set(list.map((a) => a.unitId));
  // printed names not shown by a tag of their own: group phrases, unresolved or skipped names
  const printedExtra = [...new Set(task.owners.filter((o) => (role === 'lead' ? o.role === 'lead' : o.role === 'responsible') && !(o.unitId && ids.has(o.unitId))).map((o) => o.printed))];
  const LIMIT = 6;
  const shown = open || list.length <= LIMIT + 1 ? list : list.slice(0, LIMIT);
  return (
    <div>
      {list.length === 0 && role === 'lead' && task.assignments.length === 0 && <Tag color="error">未分配</Tag>}
      <Space size={[4, 4]} wrap>
        {shown.map((a) => (
          <Tag
            key={a.id}
            color={role === 'lead' ? 'blue' : 'default'}
            closable={canWrite}
            closeIcon={<span aria-label={`撤销 ${a.unitName}`}>×</span>}
            onClose={(e) => {
              e.preventDefault();
              onRemove(a);
            }}
            style={{ marginInlineEnd: 0 }}
            title={a.source === 'manual' ? '依法治办手工分配' : '导入时按方案分配'}
          >
            <span className="fz-verbatim">{a.unitName}</span>
          </Tag>
        ))}
        {shown.length < list.length && (
          <Button type="link" size="small" style={{ padding: 0, height: 22 }} onClick={() => setOpen(true)}>
            等 {list.length} 个单位，展开
          </Button>
        )}
        {open && list.length > LIMIT + 1 && (
          <Button type="link" size="small" style={{ padding: 0, height: 22 }} onClick={() => setOpen(false)}>收起</Button>
        )}
      </Space>
      {printedExtra.length > 0 && <span className="fz-sub fz-verbatim" title="方案原文中的写法">原文：{printedExtra.join('、')}</span>}
    </div>
  );
}

function TasksTab({ plan, canWrite, regionId }: { plan: PlanDetailT; canWrite: boolean; regionId: string }) {
  const [chapter, setChapter] = useState<string | null>(null);
  const [unitId, setUnitId] = useState<string | undefined>();
  const [unassigned, setUnassigned] = useState(false);
  const [q, setQ] = useState('');
  const [selected, setSelected] = useState<string[]>([]);
  const [assigning, setAssigning] = useState(false);
  const [removing, setRemoving] = useState<{ a: Assignment; task: PlanTaskView } | null>(null);
  const tree = useMemo(() => headingTree(plan.headings, plan.tasks), [plan.headings, plan.tasks]);
  const unitFilterOptions = useMemo(() => {
    const m = new Map<string, string>();
    for (const t of plan.tasks) for (const a of t.assignments) m.set(a.unitId, a.unitName);
    return [...m].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label, 'zh-CN'));
  }, [plan.tasks]);
  const inChapter = useMemo(() => (chapter && chapter !== ANNEX && chapter !== LOOSE ? descendants(plan.headings, chapter) : null), [chapter, plan.headings]);
  const rows = plan.tasks.filter((t) => {
    if (chapter === ANNEX && t.part !== 'annex') return false;
    if (chapter === LOOSE && (t.part !== 'body' || t.headingId)) return false;
    if (inChapter && !(t.headingId && inChapter.has(t.headingId))) return false;
    if (unitId && !t.assignments.some((a) => a.unitId === unitId)) return false;
    if (unassigned && t.assignments.length > 0) return false;
    if (q && !t.text.includes(q) && !joinPath(t.path).includes(q)) return false;
    return true;
  });
  const unassignedCount = plan.tasks.filter((t) => t.assignments.length === 0).length;

  const hasLeaders = plan.tasks.some((t) => t.owners.some((o) => o.role === 'leader'));
  const columns: TableColumnsType<PlanTaskView> = [
    { title: '编号', key: 'path', width: 92, fixed: 'left', render: (_v, t) => (
        <Link to={`/tasks/${t.id}`} style={{ whiteSpace: 'nowrap', fontWeight: 500 }} title="查看任务详情与各期报送">{joinPath(t.path)}</Link>
      ) },
    {
      title: '任务内容',
      dataIndex: 'text',
      render: (_v, t) => (
        <Typography.Paragraph ellipsis={{ rows: 4, expandable: 'collapsible', symbol: (ex) => (ex ? '收起' : '展开') }} style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>
          {t.text}
        </Typography.Paragraph>
      ),
    },
    {
      title: '状态',
      key: 'status',
      width: 84,
      render: (_v, t) => (
        <Tooltip title={t.statusReason}>
          <Tag color={TASK_STATUS_COLOR[t.status]}>{t.status}</Tag>
        </Tooltip>
      ),
    },
    { title: '牵头单位', key: 'lead', width: 140, render: (_v, t) => <AssignmentTags task={t} role="lead" canWrite={canWrite} onRemove={(a) => setRemoving({ a, task: t })} /> },
    { title: '责任单位', key: 'co', width: 160, render: (_v, t) => <AssignmentTags task={t} role="co" canWrite={canWrite} onRemove={(a) => setRemoving({ a, task: t })} /> },
    ...(hasLeaders ? [{
      title: '牵头领导',
      key: 'leader',
      width: 90,
      render: (_v, t) => {
        const l = t.owners.filter((o) => o.role === 'leader').map((o) => o.printed);
        return l.length ? <span className="fz-verbatim">{l.join('、')}</span> : <span style={{ color: '#bfbfbf' }}>—</span>;
      },
    } as TableColumnsType<PlanTaskView>[number]] : []),
    {
      title: '完成时限',
      key: 'deadline',
      width: 120,
      render: (_v, t) =>
        t.deadlines.length ? (
          <div>{[...new Set(t.deadlines.map((d) => d.meaning))].map((m) => <div key={m}>{m}</div>)}</div>
        ) : (
          <span style={{ color: '#8c8c8c' }}>未明确时限</span>
        ),
    },
    {
      title: '指标',
      key: 'targets',
      width: 130,
      render: (_v, t) => (t.targets.length ? t.targets.map((x, i) => <div key={i} className="fz-verbatim fz-target" title={targetText(x)}>{x.raw}</div>) : <span style={{ color: '#bfbfbf' }}>—</span>),
    },
  ];

  return (
    <Row gutter={12} wrap={false}>
      <Col flex="210px">
        <Card size="small" title="目录" styles={{ body: { maxHeight: 'calc(100vh - 300px)', overflow: 'auto', padding: 8 } }}>
          <div
            className={chapter ? 'fz-tree-all' : 'fz-tree-all fz-tree-all-on'}
            role="button"
            tabIndex={0}
            onClick={() => setChapter(null)}
            onKeyDown={(e) => e.key === 'Enter' && setChapter(null)}
          >
            全部任务（{plan.tasks.length}）
          </div>
          <Tree
            blockNode
            defaultExpandAll
            treeData={tree}
            selectedKeys={chapter ? [chapter] : []}
            onSelect={(keys) => setChapter((keys[0] as string | undefined) ?? null)}
            titleRender={(n) => <span className="fz-verbatim">{n.title}</span>}
          />
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        <Card size="small">
          <div className="fz-toolbar">
            <Input.Search placeholder="搜索任务内容或编号" allowClear style={{ width: 240 }} onSearch={(v) => setQ(v.trim())} aria-label="搜索任务" />
            <Select
              allowClear
              showSearch
              placeholder="按单位筛选"
              style={{ width: 220 }}
              value={unitId}
              onChange={setUnitId}
              options={unitFilterOptions}
              optionFilterProp="label"
              aria-label="按单位筛选"
            />
            <Checkbox checked={unassigned} onChange={(e) => setUnassigned(e.target.checked)}>
              仅看未分配{unassignedCount ? <Tag color="error" style={{ marginLeft: 6 }}>{unassignedCount}</Tag> : null}
            </Checkbox>
            <span style={{ color: '#8c8c8c' }}>共 {rows.length} 项</span>
            {canWrite && (
              <Button style={{ marginLeft: 'auto' }} type="primary" icon={<TeamOutlined />} disabled={!selected.length} onClick={() => setAssigning(true)}>
                批量分配{selected.length ? `（${selected.length}）` : ''}
              </Button>
            )}
          </div>
          <Table<PlanTaskView>
            rowKey="id"
            size="small"
            bordered
            columns={columns}
            dataSource={rows}
            className="fz-task-table"
            rowSelection={canWrite ? { selectedRowKeys: selected, onChange: (k) => setSelected(k as string[]), columnWidth: 36, fixed: true } : undefined}
            pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 项`, hideOnSinglePage: true }}
            scroll={{ x: hasLeaders ? 990 : 900 }}
          />
        </Card>
      </Col>
      {canWrite && (
        <>
          <BulkAssignModal
            open={assigning}
            planId={plan.id}
            taskIds={selected}
            regionId={regionId}
            onClose={(done) => {
              setAssigning(false);
              if (done) setSelected([]);
            }}
          />
          <RemoveModal target={removing} planId={plan.id} onClose={() => setRemoving(null)} />
        </>
      )}
    </Row>
  );
}

function SourceTab({ plan }: { plan: PlanDetailT }) {
  const current = plan.currentVersion?.id ?? null;
  const [versionId, setVersionId] = useState<string | null>(current);
  const src = usePlanSource(plan.id, versionId);
  const [selected, setSelected] = useState<string | null>(null);
  const spans: SourceSpan[] = useMemo(
    () => (versionId === current ? plan.tasks.filter((t) => t.span).map((t) => ({ key: t.id, start: t.span!.start, end: t.span!.end, label: `任务 ${joinPath(t.path)}` })) : []),
    [plan.tasks, versionId, current],
  );
  const task = plan.tasks.find((t) => t.id === selected);
  return (
    <Row gutter={12}>
      <Col span={15}>
        <Card
          size="small"
          title={src.data ? `原文：${src.data.sourceFile}` : '原文'}
          extra={
            plan.versions.length > 1 && (
              <Select
                size="small"
                style={{ width: 200 }}
                value={versionId}
                onChange={setVersionId}
                options={plan.versions.map((v) => ({ value: v.id, label: `第 ${v.versionNo} 版（${v.label}）` }))}
              />
            )
          }
        >
          {src.isLoading ? <Spin /> : src.error ? <Alert type="error" message={errorMessage(src.error)} /> : <SourceView text={src.data?.text ?? ''} spans={spans} selected={selected} onSelect={setSelected} height="max(420px, calc(100vh - 390px))" />}
        </Card>
      </Col>
      <Col span={9}>
        <Card size="small" title={task ? `任务 ${joinPath(task.path)}` : '任务'}>
          {task ? (
            <Descriptions column={1} size="small" bordered styles={{ label: { width: 96, whiteSpace: 'nowrap' } }}>
              <Descriptions.Item label="任务内容"><span className="fz-verbatim">{task.text}</span></Descriptions.Item>
              <Descriptions.Item label="牵头单位">{task.assignments.filter((a) => a.role === 'lead').map((a) => a.unitName).join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label="责任单位">{task.assignments.filter((a) => a.role === 'co').map((a) => a.unitName).join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label="原文标注">{task.owners.map((o) => o.printed).join('、') || '—'}</Descriptions.Item>
              <Descriptions.Item label="完成时限">{[...new Set(task.deadlines.map((d) => d.meaning))].join('；') || '未明确时限'}</Descriptions.Item>
              <Descriptions.Item label="指标">{task.targets.map(targetText).join('；') || '—'}</Descriptions.Item>
            </Descriptions>
          ) : (
            <Empty description="点击左侧高亮段落查看对应任务" image={Empty.PRESENTED_IMAGE_SIMPLE} />
          )}
        </Card>
      </Col>
    </Row>
  );
}

function VersionsTab({ plan }: { plan: PlanDetailT }) {
  const label = (k: string) => {
    const t = plan.tasks.find((x) => x.id === k);
    return t ? joinPath(t.path) : null;
  };
  const versions = [...plan.versions].sort((a, b) => b.versionNo - a.versionNo);
  return (
    <Collapse
      defaultActiveKey={versions[0] ? [versions[0].id] : []}
      items={versions.map((v) => ({
        key: v.id,
        label: (
          <Space wrap>
            <b>第 {v.versionNo} 版</b>
            <Tag color={v.draft ? 'orange' : 'blue'}>{v.label}</Tag>
            {v.docNumber && <span className="fz-verbatim">{v.docNumber}</span>}
            {v.issuedOn && <span>印发日期 {v.issuedOn}</span>}
            <span style={{ color: '#8c8c8c' }}>{v.sourceFile} · 导入于 {fmtTime(v.createdAt)}</span>
            {v.id === plan.currentVersion?.id && <Tag color="green">当前版本</Tag>}
          </Space>
        ),
        children: v.changes ? <DiffView diff={v.changes} labelOld={label} labelNew={label} /> : <span style={{ color: '#8c8c8c' }}>首个版本，无比较对象。</span>,
      }))}
    />
  );
}

function MechanismsTab({ plan }: { plan: PlanDetailT }) {
  return (
    <Table
      rowKey={(m) => `${m.line}-${m.raw}`}
      size="small"
      bordered
      dataSource={plan.mechanisms}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      locale={{ emptyText: <Empty description="未识别到工作机制" /> }}
      columns={[
        { title: '类别', dataIndex: 'kind', width: 100, render: (k: string) => <Tag color="purple">{k}</Tag> },
        { title: '机制内容', dataIndex: 'raw', render: (r: string) => <span className="fz-verbatim">{r}</span> },
        { title: '频次', dataIndex: 'schedule', width: 140, render: (s: string | null) => s ?? '—' },
        { title: '原文行', dataIndex: 'line', width: 80, align: 'right', render: (l: number | null) => l ?? '—' },
      ]}
    />
  );
}

export default function PlanDetail() {
  const { id } = useParams();
  const me = useCurrentUser();
  const regionName = useRegionName();
  const plan = usePlan(id);
  const canWrite = canManagePlans(me);
  const [uploading, setUploading] = useState(false);
  const [sheetOpen, setSheetOpen] = useState(false);
  if (plan.isPending) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;
  if (plan.error) return <Card><Result status="warning" title="无法打开该方案" subTitle={errorMessage(plan.error)} extra={<Link to="/plans">返回方案列表</Link>} /></Card>;
  const p = plan.data;
  const unassigned = p.tasks.filter((t) => t.assignments.length === 0).length;
  return (
    <>
      <PageHeader
        title={<span className="fz-verbatim">{p.title}</span>}
        extra={
          <>
            <Link to="/plans"><Button>返回列表</Button></Link>
            <Button icon={<DownloadOutlined />} href={taskSheetExportUrl(p.id)}>导出任务分解表</Button>
            {canWrite && <Button icon={<UploadOutlined />} onClick={() => setSheetOpen(true)}>导入任务分解表</Button>}
            {canWrite && me.currentRegionId && <Button icon={<UploadOutlined />} onClick={() => setUploading(true)}>导入新版本</Button>}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions column={6} size="small">
          <Descriptions.Item label="规划期">{periodText(p.period)}</Descriptions.Item>
          <Descriptions.Item label="当前版本">
            {p.currentVersion ? <>第 {p.currentVersion.versionNo} 版 <Tag color={p.currentVersion.label === '正式稿' ? 'blue' : 'orange'} style={{ marginLeft: 4 }}>{p.currentVersion.label}</Tag></> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label="文号">{p.currentVersion?.docNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="任务">{p.tasks.length} 项</Descriptions.Item>
          <Descriptions.Item label="未分配">{unassigned ? <Typography.Text type="danger">{unassigned} 项</Typography.Text> : '0 项'}</Descriptions.Item>
          <Descriptions.Item label="导入时间">{fmtTime(p.createdAt)}</Descriptions.Item>
        </Descriptions>
        <StatusStrip counts={p.statusSummary} />
      </Card>
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          items={[
            { key: 'tasks', label: `任务（${p.tasks.length}）`, children: <TasksTab plan={p} canWrite={canWrite} regionId={p.regionId} /> },
            { key: 'source', label: '原文', children: <SourceTab plan={p} /> },
            { key: 'versions', label: `版本（${p.versions.length}）`, children: <VersionsTab plan={p} /> },
            { key: 'mechanisms', label: `机制（${p.mechanisms.length}）`, children: <MechanismsTab plan={p} /> },
            { key: 'summary', label: '进度汇总', children: <SummaryTab plan={p} /> },
            { key: 'reporting', label: '报送设置', children: <ReportingTab planId={p.id} canWrite={canWrite} /> },
          ]}
          destroyOnHidden
        />
      </Card>
      {canWrite && <TaskSheetImport planId={p.id} open={sheetOpen} onClose={() => setSheetOpen(false)} />}
      {canWrite && me.currentRegionId && <UploadModal open={uploading} regionId={me.currentRegionId} regionName={regionName} onClose={() => setUploading(false)} />}
    </>
  );
}
