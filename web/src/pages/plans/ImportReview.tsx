/**
 * 导入核对: the office checks a parsed plan against its source, settles every printed owner name,
 * and commits it in one request.
 */
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useQueries } from '@tanstack/react-query';
import {
  Alert,
  App,
  Badge,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Descriptions,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Result,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Switch,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { CheckCircleFilled, DeleteOutlined, EditOutlined, ExclamationCircleFilled, PlusOutlined, WarningOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { CommitResult, PlanDiffResponse, PlanImport, PrintedName, UnitDecision } from '@shared/api/plans.ts';
import type { Resolution, Unit } from '@shared/api/units.ts';
import { UNIT_KIND_LABEL, UNIT_KINDS, type UnitKind } from '@shared/enums.ts';
import type { PlanDeadline, PlanDraft, PlanHeading, PlanTask } from '@shared/plan-draft.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { api, errorMessage, isApiError } from '../../api/client.ts';
import { useCancelImport, useCommitImport, useImportDiff, usePlan, usePlanImport, usePlans } from '../../api/plans.ts';
import { useUnits } from '../../api/units.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { canManagePlans } from '../../lib/perm.ts';
import { useRegionName } from '../../lib/region.ts';
import {
  DiffView,
  describeDeadline,
  joinPath,
  OWNER_STATE_COLOR,
  OWNER_STATE_LABEL,
  periodText,
  RECURRENCE_OPTIONS,
  SourceView,
  targetText,
  type OwnerState,
  type SourceSpan,
} from './common.tsx';

// ------------------------------------------------------------------ names and decisions

interface NameInfo {
  printed: string;
  uses: number;
  roles: ('lead' | 'responsible')[];
  resolution: Resolution | null;
  looksLikeGroup: boolean;
  groupMembers: { id: string; name: string }[];
}

interface DecisionForm {
  action?: 'unit' | 'create' | 'group' | 'skip';
  unitId?: string;
  name: string;
  kind: UnitKind;
  unitIds: string[];
  groupId: string | null;
}

const GROUP_WORDS = /各|有关|相关|等部门|所有|全体/;

function guessKind(name: string): UnitKind {
  if (/乡|镇|街道|办事处/.test(name)) return 'township';
  if (/法院|检察院/.test(name)) return 'judicial';
  if (/人大|政协/.test(name)) return 'congress';
  if (/县委|市委|区委|党委|党校|纪委|监委|编办|组织部|宣传部|统战部|政法委/.test(name)) return 'party';
  return 'gov';
}

function namesOf(draft: PlanDraft): { printed: string; uses: number; roles: ('lead' | 'responsible')[] }[] {
  const m = new Map<string, { printed: string; uses: number; roles: Set<'lead' | 'responsible'> }>();
  for (const t of draft.tasks) {
    const seen = new Set<string>();
    const add = (n: string, role: 'lead' | 'responsible') => {
      const e = m.get(n) ?? { printed: n, uses: 0, roles: new Set() };
      e.roles.add(role);
      if (!seen.has(n)) e.uses++;
      seen.add(n);
      m.set(n, e);
    };
    for (const n of t.lead_units) add(n, 'lead');
    for (const n of t.responsible_units) add(n, 'responsible');
  }
  return [...m.values()].map((e) => ({ printed: e.printed, uses: e.uses, roles: [...e.roles] }));
}

const needsDecision = (n: NameInfo) => !n.resolution?.match;
const isGroupish = (n: NameInfo) => !!n.resolution?.group || n.looksLikeGroup;

function isDecided(d: DecisionForm | undefined): boolean {
  if (!d?.action) return false;
  if (d.action === 'skip') return true;
  if (d.action === 'unit') return !!d.unitId;
  if (d.action === 'create') return d.name.trim().length > 0 && !!d.kind;
  return d.unitIds.length > 0;
}

function stateOf(n: NameInfo | undefined, d: DecisionForm | undefined): OwnerState {
  if (!n) return 'unknown';
  if (n.resolution?.match) return 'matched';
  if (isDecided(d)) return d!.action === 'skip' ? 'skipped' : d!.action === 'create' ? 'created' : 'confirmed';
  return isGroupish(n) ? 'group' : 'unknown';
}

function toDecision(d: DecisionForm): UnitDecision {
  switch (d.action) {
    case 'unit':
      return { action: 'unit', unitId: d.unitId!, addAlias: true };
    case 'create':
      return { action: 'create', name: d.name.trim(), kind: d.kind, addAlias: true };
    case 'group':
      return { action: 'group', groupId: d.groupId, unitIds: d.unitIds };
    default:
      return { action: 'skip' };
  }
}

function defaultForm(n: NameInfo): DecisionForm {
  return { name: n.printed, kind: guessKind(n.printed), unitIds: n.groupMembers.map((m) => m.id), groupId: n.resolution?.group?.groupId ?? null };
}

// ------------------------------------------------------------------ unit picker

interface UnitOption {
  value: string;
  label: string;
  search: string;
}
function unitOptions(units: Unit[]): UnitOption[] {
  return units.map((u) => ({ value: u.id, label: u.name, search: [u.name, u.shortName ?? '', ...u.aliases.map((a) => a.alias)].join(' ') }));
}
const filterUnit = (input: string, option?: { search?: string; label?: ReactNode }) => (option?.search ?? String(option?.label ?? '')).includes(input.trim());

// ------------------------------------------------------------------ outline tree

interface OutlineNode {
  key: string;
  heading: PlanHeading | null;
  title: string;
  depth: number;
  children: OutlineNode[];
  tasks: PlanTask[];
}

function buildOutline(draft: PlanDraft): OutlineNode[] {
  const toNode = (h: PlanHeading, depth: number, prefix: string): OutlineNode => {
    const key = `${prefix}/${h.number}`;
    return { key, heading: h, title: `${h.number}${/^[（(]/.test(h.number) ? '' : '、'}${h.title}`, depth, children: (h.children ?? []).map((c) => toNode(c, depth + 1, key)), tasks: [] };
  };
  const roots = draft.outline.map((h) => toNode(h, 1, ''));
  const annex: OutlineNode = { key: '__annex', heading: null, title: '附件：责任分工', depth: 1, children: [], tasks: [] };
  const loose: OutlineNode = { key: '__loose', heading: null, title: '未归入章节的任务', depth: 1, children: [], tasks: [] };
  for (const t of draft.tasks) {
    if (t.part === 'annex') {
      annex.tasks.push(t);
      continue;
    }
    let level = roots;
    let at: OutlineNode | null = null;
    for (const seg of t.path) {
      const next = level.find((n) => n.heading?.number === seg);
      if (!next) break;
      at = next;
      level = next.children;
    }
    (at ?? loose).tasks.push(t);
  }
  const out = [...roots];
  if (loose.tasks.length) out.push(loose);
  if (annex.tasks.length) out.push(annex);
  return out;
}

const countTasks = (n: OutlineNode): number => n.tasks.length + n.children.reduce((s, c) => s + countTasks(c), 0);

// ------------------------------------------------------------------ task card and editor

function OwnerTags({ names, role, infoOf, decisionOf }: { names: string[]; role: string; infoOf: (n: string) => NameInfo | undefined; decisionOf: (n: string) => DecisionForm | undefined }) {
  if (!names.length) return null;
  return (
    <div className="fz-task-meta-row">
      <span className="fz-task-meta-label">{role}</span>
      <Space size={[4, 4]} wrap>
        {names.map((n) => {
          const s = stateOf(infoOf(n), decisionOf(n));
          const match = infoOf(n)?.resolution?.match;
          return (
            <Tooltip key={n} title={match ? `已匹配：${match.name}` : OWNER_STATE_LABEL[s]}>
              <Tag color={OWNER_STATE_COLOR[s]} style={{ marginInlineEnd: 0 }}>
                {s === 'unknown' && <ExclamationCircleFilled style={{ marginRight: 4 }} />}
                <span className="fz-verbatim">{n}</span>
              </Tag>
            </Tooltip>
          );
        })}
      </Space>
    </div>
  );
}

function TaskCard({
  task,
  selected,
  onSelect,
  onEdit,
  onRemove,
  infoOf,
  decisionOf,
}: {
  task: PlanTask;
  selected: boolean;
  onSelect: () => void;
  onEdit: () => void;
  onRemove: () => void;
  infoOf: (n: string) => NameInfo | undefined;
  decisionOf: (n: string) => DecisionForm | undefined;
}) {
  const no = joinPath(task.path);
  return (
    <div
      className={selected ? 'fz-task fz-task-on' : 'fz-task'}
      data-task={task.seq}
      role="button"
      tabIndex={0}
      aria-label={`任务 ${no}`}
      aria-pressed={selected}
      onClick={onSelect}
      onKeyDown={(e) => e.key === 'Enter' && e.target === e.currentTarget && onSelect()}
    >
      <div className="fz-task-head">
        <span className="fz-task-no">{no}</span>
        <span className="fz-task-text">{task.text}</span>
        <span onClick={(e) => e.stopPropagation()} style={{ whiteSpace: 'nowrap' }}>
          <Button type="link" size="small" icon={<EditOutlined />} onClick={onEdit} aria-label={`编辑任务 ${no}`}>编辑</Button>
          <Popconfirm title="从本次导入中删除该任务？" description="删除后该条不会导入（原文不受影响）。" okText="删除" okButtonProps={{ danger: true }} cancelText="取消" onConfirm={onRemove}>
            <Button type="link" size="small" danger icon={<DeleteOutlined />} aria-label={`删除任务 ${no}`} />
          </Popconfirm>
        </span>
      </div>
      <div className="fz-task-meta">
        <OwnerTags names={task.lead_units} role="牵头单位" infoOf={infoOf} decisionOf={decisionOf} />
        <OwnerTags names={task.responsible_units} role="责任单位" infoOf={infoOf} decisionOf={decisionOf} />
        {task.lead_leaders.length > 0 && (
          <div className="fz-task-meta-row">
            <span className="fz-task-meta-label">牵头领导</span>
            <span className="fz-verbatim">{task.lead_leaders.join('、')}</span>
          </div>
        )}
        {task.lead_units.length === 0 && task.responsible_units.length === 0 && (
          <div className="fz-task-meta-row">
            <span className="fz-task-meta-label">责任单位</span>
            <Tag color="warning">未标注，导入后由依法治办分配</Tag>
          </div>
        )}
        <div className="fz-task-meta-row">
          <span className="fz-task-meta-label">完成时限</span>
          <span>
            {task.deadlines.length === 0 ? (
              <span style={{ color: '#8c8c8c' }}>未明确时限（按方案总体要求）</span>
            ) : (
              task.deadlines.map((d, i) => (
                <span key={i} style={{ marginRight: 10 }}>
                  {describeDeadline(d)}
                  <span style={{ color: '#8c8c8c', fontSize: 12 }}>（原文：{d.raw}）</span>
                </span>
              ))
            )}
          </span>
        </div>
        {task.targets.length > 0 && (
          <div className="fz-task-meta-row">
            <span className="fz-task-meta-label">指标</span>
            <Space size={[4, 4]} wrap>
              {task.targets.map((t, i) => (
                <Tag key={i} color="geekblue" style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}>{targetText(t)}</Tag>
              ))}
            </Space>
          </div>
        )}
      </div>
    </div>
  );
}

function DeadlineRows({ value, onChange }: { value: PlanDeadline[]; onChange: (v: PlanDeadline[]) => void }) {
  const set = (i: number, patch: Partial<PlanDeadline>) => onChange(value.map((d, k) => (k === i ? { ...d, ...patch } : d)));
  return (
    <div>
      {value.map((d, i) => (
        <div key={i} style={{ display: 'flex', gap: 8, alignItems: 'center', marginBottom: 8, flexWrap: 'wrap' }}>
          <Input style={{ width: 170 }} value={d.raw} placeholder="原文" aria-label={`时限${i + 1}原文`} onChange={(e) => set(i, { raw: e.target.value })} />
          <DatePicker
            style={{ width: 150 }}
            placeholder="截止日期"
            aria-label={`时限${i + 1}截止日期`}
            value={d.due ? dayjs(d.due) : null}
            onChange={(v) => set(i, { due: v ? v.format('YYYY-MM-DD') : null })}
          />
          <Checkbox checked={d.ongoing} onChange={(e) => set(i, { ongoing: e.target.checked })}>此后长期坚持</Checkbox>
          <Select
            style={{ width: 110 }}
            allowClear
            placeholder="周期"
            value={d.recurring ?? undefined}
            options={RECURRENCE_OPTIONS}
            onChange={(v) => set(i, { recurring: (v ?? null) as PlanDeadline['recurring'] })}
          />
          <span style={{ color: '#1f5fae' }}>{describeDeadline(d)}</span>
          <Button type="text" danger icon={<DeleteOutlined />} aria-label={`删除时限${i + 1}`} onClick={() => onChange(value.filter((_, k) => k !== i))} />
        </div>
      ))}
      <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => onChange([...value, { raw: '', due: null, ongoing: false, recurring: null, at: null }])}>
        添加时限
      </Button>
    </div>
  );
}

function TaskEditor({ task, nameOptions, onSave, onClose }: { task: PlanTask | null; nameOptions: { value: string; label: string }[]; onSave: (t: PlanTask) => void; onClose: () => void }) {
  const [t, setT] = useState<PlanTask | null>(task);
  useEffect(() => setT(task), [task]);
  if (!t) return null;
  const tagsSelect = (field: 'lead_units' | 'responsible_units' | 'lead_leaders', label: string) => (
    <Form.Item label={label}>
      <Select
        mode="tags"
        aria-label={label}
        value={t[field]}
        options={field === 'lead_leaders' ? [] : nameOptions}
        tokenSeparators={['、', '，', ',']}
        placeholder={field === 'lead_leaders' ? '输入姓名后回车' : '从单位目录选择，或输入原文名称后回车'}
        onChange={(v: string[]) => setT({ ...t, [field]: v.map((s) => s.trim()).filter(Boolean) })}
      />
    </Form.Item>
  );
  return (
    <Modal
      open
      width={820}
      title={`编辑任务 ${joinPath(t.path)}`}
      okText="保存"
      cancelText="取消"
      onCancel={onClose}
      okButtonProps={{ disabled: !t.text.trim() }}
      onOk={() => onSave({ ...t, text: t.text.trim() })}
    >
      <Form layout="vertical" className="fz-meta-form">
        <Form.Item label="任务内容" required validateStatus={t.text.trim() ? undefined : 'error'} help={t.text.trim() ? undefined : '请填写任务内容'}>
          <Input.TextArea aria-label="任务内容" autoSize={{ minRows: 3, maxRows: 10 }} value={t.text} onChange={(e) => setT({ ...t, text: e.target.value })} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>{tagsSelect('lead_units', '牵头单位')}</Col>
          <Col span={12}>{tagsSelect('responsible_units', '责任单位')}</Col>
        </Row>
        {tagsSelect('lead_leaders', '牵头领导')}
        <Form.Item label="完成时限">
          <DeadlineRows value={t.deadlines} onChange={(deadlines) => setT({ ...t, deadlines })} />
        </Form.Item>
        {t.targets.length > 0 && (
          <Form.Item label="指标（可移除误识别的指标）">
            <Space size={[4, 6]} wrap>
              {t.targets.map((x, i) => (
                <Tag key={i} color="geekblue" closable onClose={() => setT({ ...t, targets: t.targets.filter((_, k) => k !== i) })} style={{ whiteSpace: 'normal' }}>
                  {targetText(x)}
                </Tag>
              ))}
            </Space>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}

// ------------------------------------------------------------------ name decision row

function NameRow({
  info,
  form,
  onChange,
  options,
  error,
}: {
  info: NameInfo;
  form: DecisionForm;
  onChange: (f: DecisionForm) => void;
  options: UnitOption[];
  error?: string;
}) {
  const state = stateOf(info, form);
  const r = info.resolution;
  const suggestions = r?.suggestions ?? [];
  const todo = needsDecision(info) && !isDecided(form);
  const sugIds = new Set(suggestions.map((s) => s.unitId));
  const pickerOptions = suggestions.length
    ? [
        { label: '建议', options: suggestions.map((s) => ({ value: s.unitId, label: s.name, search: s.name })) },
        { label: '全部单位', options: options.filter((o) => !sugIds.has(o.value)) },
      ]
    : options;
  return (
    <div className={todo ? 'fz-name-row fz-name-row-todo' : 'fz-name-row'} data-name={info.printed} aria-label={`名称 ${info.printed}`} role="group">
      <Row gutter={12} align="top" wrap={false}>
        <Col flex="300px">
          <div style={{ display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap' }}>
            {todo ? <WarningOutlined style={{ color: '#d46b08' }} /> : <CheckCircleFilled style={{ color: '#52c41a' }} />}
            <span className="fz-verbatim" style={{ fontWeight: 600 }}>{info.printed}</span>
          </div>
          <div style={{ marginTop: 4, display: 'flex', gap: 4, flexWrap: 'wrap', alignItems: 'center' }}>
            <Tag color={OWNER_STATE_COLOR[state]}>{OWNER_STATE_LABEL[state]}</Tag>
            {info.roles.map((x) => <Tag key={x}>{x === 'lead' ? '牵头' : '责任'}</Tag>)}
            <span style={{ color: '#8c8c8c', fontSize: 12 }}>出现 {info.uses} 次</span>
          </div>
        </Col>
        <Col flex="auto" style={{ minWidth: 0 }}>
          {r?.match ? (
            <div style={{ lineHeight: '32px' }}>
              对应单位：<b className="fz-verbatim">{r.match.name}</b>
              <span style={{ color: '#8c8c8c', marginLeft: 8 }}>
                （{r.match.via === 'name' ? '按全称匹配' : r.match.via === 'alias' ? '按别名匹配' : r.match.via === 'short_name' ? '按简称匹配' : '按规范化名称匹配'}）
              </span>
            </div>
          ) : (
            <>
              {isGroupish(info) && (
                <div style={{ marginBottom: 6, color: '#595959' }}>
                  {r?.group && info.groupMembers.length === 0 ? (
                    <>目录中的分组「{r.group.name}」目前没有成员单位：请选择「按分组展开」并挑选它包含的单位（会保存到该分组）。</>
                  ) : r?.group ? (
                    <>
                      分组短语，目录中的分组「{r.group.name}」现有 <b>{info.groupMembers.length}</b> 个成员单位，请核对后选择「按分组展开」确认：
                      <div className="fz-members" aria-label={`${info.printed} 现有成员`}>
                        {info.groupMembers.slice(0, 12).map((m) => m.name).join('、')}
                        {info.groupMembers.length > 12 ? ` 等 ${info.groupMembers.length} 个单位` : ''}
                      </div>
                    </>
                  ) : (
                    <>看起来是分组短语，目录中没有同名分组：请选择它包含的单位（确认后将保存为分组，下次自动识别）。</>
                  )}
                </div>
              )}
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                size="small"
                aria-label={`${info.printed} 的处理方式`}
                value={form.action}
                onChange={(e) => onChange({ ...form, action: e.target.value as DecisionForm['action'] })}
                options={[
                  { value: 'unit', label: '对应已有单位' },
                  { value: 'create', label: '新建单位' },
                  { value: 'group', label: '按分组展开' },
                  { value: 'skip', label: '忽略' },
                ]}
              />
              {!form.action && !isGroupish(info) && suggestions.length > 0 && (
                <span style={{ marginLeft: 12, color: '#8c8c8c' }}>
                  可能是：
                  {suggestions.slice(0, 3).map((s) => (
                    <Button key={s.unitId} size="small" type="link" onClick={() => onChange({ ...form, action: 'unit', unitId: s.unitId })}>
                      {s.name}
                    </Button>
                  ))}
                </span>
              )}
              <div style={{ marginTop: 8 }}>
                {form.action === 'unit' && (
                  <Select
                    showSearch
                    style={{ width: '100%', maxWidth: 480 }}
                    placeholder="搜索单位名称、简称或别名"
                    aria-label={`${info.printed} 对应的单位`}
                    value={form.unitId}
                    options={pickerOptions}
                    filterOption={filterUnit}
                    onChange={(v: string) => onChange({ ...form, unitId: v })}
                    status={form.unitId ? undefined : 'warning'}
                  />
                )}
                {form.action === 'unit' && form.unitId && <div style={{ color: '#8c8c8c', fontSize: 12, marginTop: 4 }}>「{info.printed}」将作为该单位的别名保存。</div>}
                {form.action === 'create' && (
                  <Space wrap>
                    <Input
                      style={{ width: 300 }}
                      aria-label={`${info.printed} 新单位名称`}
                      value={form.name}
                      onChange={(e) => onChange({ ...form, name: e.target.value })}
                      status={form.name.trim() ? undefined : 'error'}
                      placeholder="单位全称"
                    />
                    <Select<UnitKind>
                      style={{ width: 130 }}
                      aria-label={`${info.printed} 单位类别`}
                      value={form.kind}
                      options={UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABEL[k] }))}
                      onChange={(kind) => onChange({ ...form, kind })}
                    />
                  </Space>
                )}
                {form.action === 'group' && (
                  <>
                    <Select
                      mode="multiple"
                      style={{ width: '100%' }}
                      placeholder="选择该短语包含的单位"
                      aria-label={`${info.printed} 的成员单位`}
                      value={form.unitIds}
                      options={options}
                      filterOption={filterUnit}
                      maxTagCount={12}
                      maxTagPlaceholder={(o) => `+${o.length} 个单位`}
                      onChange={(unitIds: string[]) => onChange({ ...form, unitIds })}
                      status={form.unitIds.length ? undefined : 'warning'}
                    />
                    <div style={{ color: '#8c8c8c', fontSize: 12, marginTop: 4 }}>已选 {form.unitIds.length} 个单位，导入后每个单位都会收到含「{info.printed}」的任务。</div>
                  </>
                )}
                {form.action === 'skip' && <span style={{ color: '#8c8c8c' }}>保留原文，不分配给任何单位（例如误识别的文字）。</span>}
              </div>
            </>
          )}
          {error && <div style={{ color: '#ff4d4f', marginTop: 4 }}>{error}</div>}
        </Col>
      </Row>
    </div>
  );
}

// ------------------------------------------------------------------ the page

function CommitDone({ result, title, onBack }: { result: CommitResult; title: string; onBack: () => void }) {
  const plan = usePlan(result.planId);
  const labelOld = (k: string) => {
    const t = plan.data?.tasks.find((x) => x.id === k);
    return t ? joinPath(t.path) : null;
  };
  return (
    <Card>
      <Result
        status="success"
        title="方案已导入"
        subTitle={<span className="fz-verbatim">{title}（第 {result.versionNo} 版）</span>}
        extra={[
          <Link key="plan" to={`/plans/${result.planId}`}><Button type="primary">查看方案</Button></Link>,
          <Button key="list" onClick={onBack}>返回方案列表</Button>,
        ]}
      >
        <Descriptions bordered column={4} size="small" aria-label="导入结果">
          <Descriptions.Item label="任务">{result.tasks} 项</Descriptions.Item>
          <Descriptions.Item label="分工">{result.assignments} 条</Descriptions.Item>
          <Descriptions.Item label="新建单位">{result.unitsCreated} 个</Descriptions.Item>
          <Descriptions.Item label="未分配任务">
            {result.unassignedTasks ? <Typography.Text type="warning">{result.unassignedTasks} 项</Typography.Text> : '0 项'}
          </Descriptions.Item>
        </Descriptions>
        {result.unassignedTasks > 0 && (
          <Alert style={{ marginTop: 12 }} type="warning" showIcon message={`有 ${result.unassignedTasks} 项任务没有责任单位，请在方案详情中筛选「未分配」后批量分配。`} />
        )}
        {result.diff && (
          <Card size="small" title="与上一版本相比" style={{ marginTop: 12, textAlign: 'left' }}>
            <DiffView diff={result.diff} labelOld={labelOld} labelNew={() => null} />
          </Card>
        )}
      </Result>
    </Card>
  );
}

function Review({ imp }: { imp: PlanImport }) {
  const me = useCurrentUser();
  const regionId = me.currentRegionId;
  const regionName = useRegionName();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [draft, setDraft] = useState<PlanDraft>(() => structuredClone(imp.draft));
  const [forms, setForms] = useState<Record<string, DecisionForm>>({});
  const [nameErrors, setNameErrors] = useState<Record<string, string>>({});
  const [selected, setSelected] = useState<string | null>(null);
  const [selectFrom, setSelectFrom] = useState<'source' | 'tree'>('tree');
  const [editing, setEditing] = useState<PlanTask | null>(null);
  const [versionOf, setVersionOf] = useState<string | null>(null);
  const [allowDuplicate, setAllowDuplicate] = useState(false);
  const [label, setLabel] = useState<string>(imp.draft.document.draft ? '征求意见稿' : '正式稿');
  const [nameFilter, setNameFilter] = useState<'todo' | 'all'>('todo');
  const [result, setResult] = useState<CommitResult | null>(null);
  const [diffShown, setDiffShown] = useState<{ planId: string; diff: PlanDiffResponse; draft: PlanDraft } | null>(null);
  const [candidateId, setCandidateId] = useState<string | null>(imp.candidatePlans[0]?.id ?? null);
  const units = useUnits(regionId ? { regionId } : null);
  const plans = usePlans(regionId);
  const diffM = useImportDiff();
  const commit = useCommitImport();
  const cancel = useCancelImport();
  const oldPlan = usePlan(diffShown?.planId);
  const treeRef = useRef<HTMLDivElement>(null);
  const namesRef = useRef<HTMLDivElement>(null);

  const options = useMemo(() => unitOptions(units.data ?? []), [units.data]);
  const printed = useMemo(() => namesOf(draft), [draft]);
  const known = useMemo(() => new Map(imp.names.map((n) => [n.printed, n])), [imp.names]);
  // names typed while editing: ask the directory how it reads them
  const extra = printed.filter((p) => !known.has(p.printed));
  const resolved = useQueries({
    queries: extra.map((p) => ({
      queryKey: ['resolve', regionId, p.printed],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.get<Resolution>('/api/units/resolve', { regionId, name: p.printed }, signal),
      staleTime: 60_000,
    })),
  });
  const infos: NameInfo[] = printed.map((p) => {
    const k: PrintedName | undefined = known.get(p.printed);
    if (k) return { ...k, uses: p.uses, roles: p.roles };
    const i = extra.findIndex((e) => e.printed === p.printed);
    const r = resolved[i]?.data ?? null;
    return { ...p, resolution: r, looksLikeGroup: GROUP_WORDS.test(p.printed), groupMembers: [] };
  });
  const infoMap = new Map(infos.map((n) => [n.printed, n]));
  const formOf = (n: NameInfo) => forms[n.printed] ?? defaultForm(n);
  const toDecide = infos.filter(needsDecision);
  const undecided = toDecide.filter((n) => !isDecided(forms[n.printed]));
  const matched = infos.length - toDecide.length;
  const resolving = resolved.some((q) => q.isPending);

  const spans: SourceSpan[] = useMemo(
    () => draft.tasks.filter((t) => t.span).map((t) => ({ key: String(t.seq), start: t.span!.start, end: t.span!.end, label: `任务 ${joinPath(t.path)}` })),
    [draft.tasks],
  );
  const outline = useMemo(() => buildOutline(draft), [draft]);

  useEffect(() => {
    if (!selected || selectFrom !== 'source') return;
    const box = treeRef.current;
    const el = box?.querySelector<HTMLElement>(`[data-task="${CSS.escape(selected)}"]`);
    if (!box || !el) return;
    const top = el.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    box.scrollTo({ top: Math.max(0, top - 60), behavior: 'smooth' });
  }, [selected, selectFrom]);

  const doc = draft.document;
  const setDoc = (patch: Partial<PlanDraft['document']>) => setDraft((d) => ({ ...d, document: { ...d.document, ...patch } }));
  const updateTask = (t: PlanTask) => setDraft((d) => ({ ...d, tasks: d.tasks.map((x) => (x.seq === t.seq ? t : x)) }));
  const removeTask = (seq: number) => {
    setDraft((d) => ({ ...d, tasks: d.tasks.filter((x) => x.seq !== seq) }));
    if (selected === String(seq)) setSelected(null);
  };
  const nameOptions = useMemo(() => {
    const seen = new Set<string>();
    const out: { value: string; label: string }[] = [];
    for (const p of printed) if (!seen.has(p.printed)) seen.add(p.printed), out.push({ value: p.printed, label: p.printed });
    for (const u of units.data ?? []) if (!seen.has(u.name)) seen.add(u.name), out.push({ value: u.name, label: u.name });
    return out;
  }, [printed, units.data]);

  const candidateTitle = (id: string) => {
    const c = imp.candidatePlans.find((p) => p.id === id);
    const p = plans.data?.find((x) => x.id === id);
    return `「${c?.title ?? p?.title ?? ''}」${p?.period ? `（${periodText(p.period)}）` : ''}`;
  };
  const candidatePeriodDiffers = (id: string) => {
    const p = plans.data?.find((x) => x.id === id);
    return !!(p?.period && doc.period && (p.period[0] !== doc.period[0] || p.period[1] !== doc.period[1]));
  };

  const previewDiff = (planId: string) => {
    const snapshot = draft;
    diffM.mutate(
      { id: imp.id, planId, draft: snapshot },
      { onSuccess: (diff) => setDiffShown({ planId, diff, draft: snapshot }), onError: (e) => void message.error(errorMessage(e)) },
    );
  };

  const send = (opts: { allowDuplicate?: boolean; planId?: string | null } = {}) => {
    const decisions: Record<string, UnitDecision> = {};
    for (const n of toDecide) {
      const f = forms[n.printed];
      if (f && isDecided(f)) decisions[n.printed] = toDecision(f);
    }
    setNameErrors({});
    const planId = opts.planId !== undefined ? opts.planId : versionOf;
    commit.mutate(
      { id: imp.id, planId: planId ?? undefined, label, draft, decisions, allowDuplicate: opts.allowDuplicate ?? allowDuplicate },
      {
        onSuccess: (r) => {
          setResult(r);
          window.scrollTo({ top: 0 });
        },
        onError: (e) => {
          if (isApiError(e) && e.status === 409 && /同一文件/.test(e.message)) {
            modal.confirm({
              title: '同一文件已经导入过',
              content: e.message,
              okText: '仍然导入',
              cancelText: '返回修改',
              onOk: () => {
                setAllowDuplicate(true);
                send({ allowDuplicate: true });
              },
            });
            return;
          }
          if (isApiError(e) && e.details.length) {
            const errs: Record<string, string> = {};
            for (const d of e.details) if (d.field?.startsWith('decisions.')) errs[d.field.slice('decisions.'.length)] = d.message;
            setNameErrors(errs);
            if (Object.keys(errs).length) namesRef.current?.scrollIntoView({ behavior: 'smooth' });
          }
          void message.error({ content: errorMessage(e), duration: 6 });
        },
      },
    );
  };

  if (result) return <CommitDone result={result} title={doc.title ?? imp.fileName} onBack={() => navigate('/plans')} />;

  const renderNode = (n: OutlineNode): ReactNode => {
    const count = countTasks(n);
    if (count === 0 && n.depth > 1) return null;
    return (
      <div key={n.key}>
        <div className={`fz-chapter fz-chapter-${Math.min(n.depth, 3)}`}>
          <span className="fz-verbatim">{n.title}</span>
          {count > 0 && <span style={{ color: '#8c8c8c', fontWeight: 400, fontSize: 12, marginLeft: 8 }}>{count} 项任务</span>}
        </div>
        <div style={{ marginLeft: (n.depth - 1) * 12 }}>
          {n.tasks.map((t) => (
            <TaskCard
              key={t.seq}
              task={t}
              selected={selected === String(t.seq)}
              onSelect={() => {
                setSelectFrom('tree');
                setSelected(String(t.seq));
              }}
              onEdit={() => setEditing(t)}
              onRemove={() => removeTask(t.seq)}
              infoOf={(x) => infoMap.get(x)}
              decisionOf={(x) => forms[x]}
            />
          ))}
        </div>
        {n.children.map(renderNode)}
      </div>
    );
  };

  const shownNames = nameFilter === 'todo' ? infos.filter((n) => needsDecision(n)) : infos;
  const paneHeight = 'max(460px, calc(100vh - 250px))';

  return (
    <>
      <PageHeader
        title="导入核对"
        extra={
          <Popconfirm
            title="取消本次导入？"
            description="已解析的内容将被丢弃，不影响已有方案。"
            okText="取消导入"
            cancelText="继续核对"
            onConfirm={() => cancel.mutateAsync(imp.id).then(() => navigate('/plans'), (e: unknown) => void message.error(errorMessage(e)))}
          >
            <Button danger>取消导入</Button>
          </Popconfirm>
        }
      />
      <Card
        size="small"
        title={<span>文件信息 <Tag style={{ marginLeft: 8 }}>{imp.fileName}</Tag><Tag color="default">{imp.format.toUpperCase()}</Tag></span>}
        extra={<span style={{ color: '#595959' }}>识别出 <b>{draft.tasks.length}</b> 项任务、<b>{infos.length}</b> 个责任单位名称</span>}
        style={{ marginBottom: 12 }}
      >
        <Form layout="vertical" className="fz-meta-form">
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item label="方案名称" required validateStatus={doc.title?.trim() ? undefined : 'error'}>
                <Input aria-label="方案名称" value={doc.title ?? ''} onChange={(e) => setDoc({ title: e.target.value || null })} />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item label="规划期">
                <Space.Compact style={{ width: '100%' }}>
                  <InputNumber aria-label="起始年" min={2000} max={2100} style={{ width: '45%' }} value={doc.period?.[0]} onChange={(v) => setDoc({ period: v ? [v, doc.period?.[1] ?? v] : null })} />
                  <Input style={{ width: '10%', textAlign: 'center', pointerEvents: 'none', padding: 0 }} value="—" readOnly tabIndex={-1} />
                  <InputNumber aria-label="截止年" min={2000} max={2100} style={{ width: '45%' }} value={doc.period?.[1]} onChange={(v) => setDoc({ period: v ? [doc.period?.[0] ?? v, v] : null })} />
                </Space.Compact>
              </Form.Item>
            </Col>
            <Col span={3}>
              <Form.Item label="地区（原文）">
                <Input aria-label="地区" value={doc.region ?? ''} onChange={(e) => setDoc({ region: e.target.value || null })} placeholder={regionName} />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item label="文号">
                <Input aria-label="文号" value={doc.doc_number ?? ''} placeholder="如 濉发〔2022〕15号" onChange={(e) => setDoc({ doc_number: e.target.value || null })} />
              </Form.Item>
            </Col>
            <Col span={4}>
              <Form.Item label="印发日期">
                <DatePicker aria-label="印发日期" style={{ width: '100%' }} value={doc.issued_on ? dayjs(doc.issued_on) : null} onChange={(v) => setDoc({ issued_on: v ? v.format('YYYY-MM-DD') : null })} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="印发机关">
                <Input aria-label="印发机关" value={doc.issuer ?? ''} placeholder="如 中共××县委 ××县人民政府" onChange={(e) => setDoc({ issuer: e.target.value || null })} />
              </Form.Item>
            </Col>
            <Col span={5}>
              <Form.Item label="版本标签">
                <Select aria-label="版本标签" value={label} onChange={setLabel} options={['正式稿', '征求意见稿', '修订稿', '送审稿'].map((v) => ({ value: v, label: v }))} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item label="稿件性质">
                <Checkbox checked={!!doc.draft} onChange={(e) => { setDoc({ draft: e.target.checked }); setLabel(e.target.checked ? '征求意见稿' : '正式稿'); }}>
                  征求意见稿（未正式印发）
                </Checkbox>
              </Form.Item>
            </Col>
          </Row>
        </Form>
        {imp.duplicateOf && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 4 }}
            message={<span>同一文件已经导入过：<Link to={`/plans/${imp.duplicateOf.planId}`} className="fz-verbatim">「{imp.duplicateOf.planTitle}」</Link> 第 {imp.duplicateOf.versionNo} 版（{imp.duplicateOf.label}）</span>}
            description={
              <Space wrap>
                <Button size="small" onClick={() => { setVersionOf(imp.duplicateOf!.planId); setAllowDuplicate(true); }} type={versionOf === imp.duplicateOf.planId ? 'primary' : 'default'}>
                  作为该方案的新版本导入
                </Button>
                <Checkbox checked={allowDuplicate} onChange={(e) => setAllowDuplicate(e.target.checked)}>确认再次导入同一文件</Checkbox>
                <Link to={`/plans/${imp.duplicateOf.planId}`}>查看已导入的方案</Link>
              </Space>
            }
          />
        )}
        {!imp.duplicateOf && candidateId && (
          <Alert
            type="info"
            showIcon
            style={{ marginTop: 2 }}
            message={
              <Space wrap size={[12, 4]}>
                <span>这可能是 <span className="fz-verbatim">{candidateTitle(candidateId)}</span> 的新版本</span>
                {candidatePeriodDiffers(candidateId) && <Tag color="orange" style={{ marginInlineEnd: 0 }}>规划期不同，通常应作为新方案导入</Tag>}
                {imp.candidatePlans.length > 1 && (
                  <Select size="small" style={{ width: 320 }} value={candidateId} onChange={(v) => { setCandidateId(v); if (versionOf) setVersionOf(v); }} options={imp.candidatePlans.map((c) => ({ value: c.id, label: `${c.title}（相似度 ${Math.round(c.score * 100)}%）` }))} />
                )}
                <span>
                  <Switch size="small" checked={versionOf === candidateId} onChange={(on) => setVersionOf(on ? candidateId : null)} aria-label="作为新版本导入" />
                  <span style={{ marginLeft: 6 }}>{versionOf === candidateId ? '作为该方案的新版本导入（任务进展随版本延续）' : '作为新版本导入'}</span>
                </span>
                <Button size="small" loading={diffM.isPending} onClick={() => previewDiff(candidateId)}>预览差异</Button>
              </Space>
            }
          />
        )}
        {diffShown && (
          <Card
            size="small"
            style={{ marginTop: 8 }}
            title={`与 ${candidateTitle(diffShown.planId)} 的差异`}
            extra={<Button size="small" type="text" onClick={() => setDiffShown(null)}>收起</Button>}
            styles={{ body: { maxHeight: 360, overflow: 'auto' } }}
          >
            <DiffView
              diff={diffShown.diff}
              labelOld={(k) => {
                const t = oldPlan.data?.tasks.find((x) => x.id === k);
                return t ? `原 ${joinPath(t.path)}` : null;
              }}
              labelNew={(k) => {
                const t = diffShown.draft.tasks[Number(k.slice(1))];
                return t ? `新 ${joinPath(t.path)}` : null;
              }}
              limit={50}
            />
          </Card>
        )}
        {(draft.warnings ?? []).length > 0 && (
          <Alert
            type="warning"
            style={{ marginTop: 8 }}
            message="解析提示"
            description={<ul style={{ margin: 0, paddingLeft: 18 }}>{draft.warnings!.slice(0, 8).map((w, i) => <li key={i}>{w.line ? `第 ${w.line} 行：` : ''}{w.message}</li>)}</ul>}
          />
        )}
      </Card>

      <Row gutter={12}>
        <Col span={11}>
          <Card size="small" title="原文" extra={<span style={{ color: '#8c8c8c', fontSize: 12 }}>点击高亮段落定位到任务</span>}>
            <SourceView
              text={imp.sourceText}
              spans={spans}
              selected={selected}
              follow={selectFrom === 'tree'}
              onSelect={(k) => {
                setSelectFrom('source');
                setSelected(k);
              }}
              height={paneHeight}
            />
          </Card>
        </Col>
        <Col span={13}>
          <Card
            size="small"
            title={`识别结果（${draft.tasks.length} 项任务）`}
            extra={
              <Space size={4} style={{ fontSize: 12 }}>
                {(['matched', 'group', 'confirmed', 'created', 'unknown', 'skipped'] as OwnerState[]).map((s) => (
                  <Tag key={s} color={OWNER_STATE_COLOR[s]} style={{ marginInlineEnd: 0 }}>{OWNER_STATE_LABEL[s]}</Tag>
                ))}
              </Space>
            }
          >
            <div ref={treeRef} className="fz-pane" style={{ height: paneHeight }} aria-label="识别出的任务">
              {draft.tasks.length ? outline.map(renderNode) : <Empty description="没有任务" />}
            </div>
          </Card>
        </Col>
      </Row>

      <div ref={namesRef}>
        <Card
          size="small"
          style={{ marginTop: 12 }}
          title={
            <Space>
              <span>责任单位确认</span>
              <Badge count={undecided.length} showZero color={undecided.length ? '#fa8c16' : '#52c41a'} />
              <span style={{ color: '#8c8c8c', fontWeight: 400, fontSize: 13 }}>
                共 {infos.length} 个名称：已匹配 {matched} 个，需确认 {toDecide.length} 个，尚未处理 {undecided.length} 个
              </span>
            </Space>
          }
          extra={
            <Segmented
              size="small"
              value={nameFilter}
              onChange={(v) => setNameFilter(v as 'todo' | 'all')}
              options={[
                { value: 'todo', label: `需确认（${toDecide.length}）` },
                { value: 'all', label: `全部（${infos.length}）` },
              ]}
            />
          }
          aria-label="责任单位确认"
        >
          {units.isLoading || resolving ? <Spin /> : null}
          {shownNames.length === 0 ? (
            <Empty description={infos.length ? '所有名称都已在单位目录中匹配' : '方案中没有标注责任单位，导入后可在方案详情中分配'} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            shownNames.map((n) => (
              <NameRow
                key={n.printed}
                info={n}
                form={formOf(n)}
                options={options}
                error={nameErrors[n.printed]}
                onChange={(f) => {
                  setForms((m) => ({ ...m, [n.printed]: f }));
                  setNameErrors(({ [n.printed]: _drop, ...rest }) => rest);
                }}
              />
            ))
          )}
        </Card>
      </div>

      <div className="fz-commit-bar">
        <span>
          {undecided.length ? (
            <Typography.Text type="warning"><WarningOutlined /> 还有 {undecided.length} 个责任单位名称待确认</Typography.Text>
          ) : (
            <Typography.Text type="success"><CheckCircleFilled /> 责任单位均已确认</Typography.Text>
          )}
          <span style={{ color: '#8c8c8c', marginLeft: 16 }}>
            {versionOf ? `作为 ${candidateTitle(versionOf)} 的新版本` : '作为新方案'}导入 · {label} · {draft.tasks.length} 项任务
          </span>
        </span>
        <Space>
          {undecided.length > 0 && <Button onClick={() => namesRef.current?.scrollIntoView({ behavior: 'smooth' })}>去确认</Button>}
          <Button type="primary" disabled={undecided.length > 0 || draft.tasks.length === 0 || resolving || !doc.title?.trim()} loading={commit.isPending} onClick={() => send()}>
            确认导入
          </Button>
        </Space>
      </div>

      {editing && <TaskEditor task={editing} nameOptions={nameOptions} onClose={() => setEditing(null)} onSave={(t) => { updateTask(t); setEditing(null); }} />}
    </>
  );
}

export default function ImportReview() {
  const { id } = useParams();
  const me = useCurrentUser();
  const imp = usePlanImport(id);
  if (!canManagePlans(me)) return <Card><Result status="403" title="无权导入方案" subTitle="只有依法治办可以导入方案。" extra={<Link to="/plans">返回方案列表</Link>} /></Card>;
  if (imp.isPending) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;
  if (imp.error) return <Card><Result status="warning" title="无法打开该导入" subTitle={errorMessage(imp.error)} extra={<Link to="/plans">返回方案列表</Link>} /></Card>;
  if (imp.data.status !== 'pending')
    return (
      <Card>
        <Result
          status="info"
          title={imp.data.status === 'committed' ? '该导入已经提交' : '该导入已取消'}
          subTitle={<span className="fz-verbatim">{imp.data.fileName}</span>}
          extra={<Link to="/plans"><Button type="primary">返回方案列表</Button></Link>}
        />
      </Card>
    );
  return <Review key={imp.data.id} imp={imp.data} />;
}
