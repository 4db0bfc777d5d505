/**
 * 编辑考核指标体系: the tree on the left (running point sums, the server's problems under the indicator
 * they name), the picked indicator's form on the right (name, points, scoring rule, 评分标准, 佐证材料,
 * 关联任务). Saved whole with the version read; a refused save keeps every edit on the page.
 */
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Empty, Form, Input, InputNumber, Popconfirm, Radio, Result, Row, Select, Space, Spin, Tag, Tree, Typography } from 'antd';
import { ArrowDownOutlined, ArrowLeftOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import type { Framework, FrameworkOptions } from '@shared/api/assessment.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage, isApiError, isStaleVersion } from '../../api/client.ts';
import { useFramework, useFrameworkOptions, useSaveFramework } from '../../api/assessment.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { canDecide } from '../../lib/perm.ts';
import { LEVEL, RULE_KIND_LABEL } from './common.ts';
import { addChild, findNode, fromTree, MAX_LEVEL, moveNode, parentKeys, pathIndex, removeNode, round2, sumMismatches, sumOf, toInput, updateNode, type EditNode, type Rule } from './editor-tree.ts';

interface Problem {
  path: string;
  message: string;
}
interface Draft {
  name: string;
  total: number | null;
  nodes: EditNode[];
  version: number;
}

const draftOf = (f: Framework): Draft => ({ name: f.name, total: f.totalPoints, nodes: fromTree(f.indicators), version: f.version });

/** A rule of the given kind, keeping what the previous one had where it fits. */
function ruleOfKind(kind: Rule['kind'], prev: Rule | null): Rule {
  const chapterId = prev && 'chapterId' in prev ? prev.chapterId : undefined;
  switch (kind) {
    case 'manual':
      return { kind };
    case 'tasks_on_time':
    case 'reports_first_pass':
    case 'reports_on_time':
      return chapterId ? { kind, chapterId } : { kind };
    case 'metric_target':
      return { kind, metricId: prev?.kind === 'metric_target' ? prev.metricId : '', mode: prev?.kind === 'metric_target' ? prev.mode : 'proportional' };
    case 'deduction':
      return { kind, per: prev?.kind === 'deduction' ? prev.per : 'overdue_notice', pointsEach: prev?.kind === 'deduction' ? prev.pointsEach : 1 };
  }
}

/** What the page itself can tell before asking the server (the request would not even be read). */
function localProblems(nodes: EditNode[]): Problem[] {
  const out: Problem[] = [];
  const idx = pathIndex(nodes);
  const walk = (ns: EditNode[]) => {
    for (const n of ns) {
      const path = idx.get(n.key)!.path;
      if (!n.name.trim()) out.push({ path, message: '指标名称不能为空' });
      if (n.points === null) out.push({ path, message: '请填写分值' });
      if (!n.children.length && n.rule?.kind === 'metric_target' && !n.rule.metricId) out.push({ path, message: '请选择评分所依据的量化指标' });
      walk(n.children);
    }
  };
  walk(nodes);
  return out;
}

function RuleFields({ rule, onChange, options, planId }: { rule: Rule; onChange: (r: Rule) => void; options: FrameworkOptions | undefined; planId: string | undefined }) {
  const chapters = (options?.chapters ?? []).filter((c) => !planId || c.planId === planId || ('chapterId' in rule && rule.chapterId === c.id));
  if (rule.kind === 'tasks_on_time' || rule.kind === 'reports_first_pass' || rule.kind === 'reports_on_time') {
    return (
      <Form.Item label="计算范围" extra="只计该章节的任务和报送；不选则计本单位全部任务。">
        <Select
          aria-label="计算范围"
          allowClear
          placeholder="本单位全部任务"
          value={rule.chapterId}
          onChange={(v: string | undefined) => onChange(v ? { kind: rule.kind, chapterId: v } : { kind: rule.kind })}
          options={chapters.map((c) => ({ value: c.id, label: c.label }))}
        />
      </Form.Item>
    );
  }
  if (rule.kind === 'metric_target') {
    const metrics = (options?.metrics ?? []).filter((m) => !planId || m.planId === planId || m.id === rule.metricId);
    return (
      <>
        <Form.Item label="量化指标" required validateStatus={rule.metricId ? undefined : 'error'} help={rule.metricId ? undefined : '请从方案的量化指标中选择'}>
          <Select
            aria-label="量化指标"
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="选择方案中的量化指标"
            value={rule.metricId || undefined}
            onChange={(v: string) => onChange({ ...rule, metricId: v })}
            options={metrics.map((m) => ({ value: m.id, label: `任务${m.taskNumber} · ${m.name}`, title: m.raw }))}
            notFoundContent="该方案没有识别出量化指标"
          />
        </Form.Item>
        <Form.Item label="计分方式">
          <Radio.Group aria-label="计分方式" value={rule.mode} onChange={(e) => onChange({ ...rule, mode: e.target.value as 'all_or_nothing' | 'proportional' })}>
            <Radio value="all_or_nothing">达标得满分，未达标不得分</Radio>
            <Radio value="proportional">按完成比例计分（达标得满分）</Radio>
          </Radio.Group>
        </Form.Item>
      </>
    );
  }
  if (rule.kind === 'deduction') {
    return (
      <Space wrap align="start">
        <Form.Item label="扣分依据">
          <Select aria-label="扣分依据" style={{ width: 220 }} value={rule.per} onChange={(v: 'overdue_notice' | 'unrectified_problem') => onChange({ ...rule, per: v })} options={[{ value: 'overdue_notice', label: '逾期未办结的督办单' }, { value: 'unrectified_problem', label: '逾期未整改的督察问题' }]} />
        </Form.Item>
        <Form.Item label="每件扣分">
          <InputNumber aria-label="每件扣分" min={0.5} max={100} step={0.5} value={rule.pointsEach} onChange={(v) => onChange({ ...rule, pointsEach: v ?? 0 })} addonAfter="分" />
        </Form.Item>
      </Space>
    );
  }
  return <Typography.Paragraph type="secondary">由考核组按评分标准打分。</Typography.Paragraph>;
}

function NodeForm({ node, level, isFirst, isLast, onChange, onMove, onAddChild, onRemove, problems, options, planId }: {
  node: EditNode;
  level: number;
  isFirst: boolean;
  isLast: boolean;
  onChange: (p: Partial<EditNode>) => void;
  onMove: (by: -1 | 1) => void;
  onAddChild: () => void;
  onRemove: () => void;
  problems: Problem[];
  options: FrameworkOptions | undefined;
  planId: string | undefined;
}) {
  const leaf = !node.children.length;
  const childSum = sumOf(node.children);
  const tasks = (options?.tasks ?? []).filter((t) => !planId || t.planId === planId || node.taskIds.includes(t.id));
  return (
    <Card
      size="small"
      title={<span><Tag>{LEVEL[level]}指标</Tag>{node.name || '（未命名）'}</span>}
      extra={
        <Space size={4} wrap>
          <Button size="small" icon={<ArrowUpOutlined />} disabled={isFirst} onClick={() => onMove(-1)}>上移</Button>
          <Button size="small" icon={<ArrowDownOutlined />} disabled={isLast} onClick={() => onMove(1)}>下移</Button>
          {level < MAX_LEVEL && <Button size="small" icon={<PlusOutlined />} onClick={onAddChild}>添加{LEVEL[level + 1]}指标</Button>}
          <Popconfirm title={`删除「${node.name}」${leaf ? '' : '及其下级指标'}？`} okText="删除" cancelText="取消" onConfirm={onRemove}>
            <Button size="small" danger icon={<DeleteOutlined />}>删除</Button>
          </Popconfirm>
        </Space>
      }
    >
      {problems.length > 0 && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={problems.map((p) => p.message).join('；')} />}
      <Form layout="vertical">
        <Row gutter={12}>
          <Col span={16}>
            <Form.Item label="指标名称" required>
              <Input aria-label="指标名称" maxLength={100} value={node.name} onChange={(e) => onChange({ name: e.target.value })} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label="分值"
              required
              validateStatus={!leaf && Math.abs(childSum - (node.points ?? 0)) > 0.005 ? 'error' : undefined}
              help={!leaf ? `下级指标合计 ${childSum} 分${Math.abs(childSum - (node.points ?? 0)) > 0.005 ? '，与本指标分值不符' : ''}` : undefined}
            >
              <InputNumber aria-label="分值" min={0} max={1000} step={1} style={{ width: '100%' }} value={node.points} onChange={(v) => onChange({ points: v })} addonAfter="分" />
            </Form.Item>
          </Col>
        </Row>
        {leaf ? (
          <>
            <Form.Item label="评分方式" required>
              <Select
                aria-label="评分方式"
                value={node.rule?.kind}
                placeholder="选择评分方式"
                onChange={(k: Rule['kind']) => onChange({ rule: ruleOfKind(k, node.rule) })}
                options={(Object.keys(RULE_KIND_LABEL) as Rule['kind'][]).map((k) => ({ value: k, label: RULE_KIND_LABEL[k] }))}
              />
            </Form.Item>
            {node.rule && <RuleFields rule={node.rule} onChange={(rule) => onChange({ rule })} options={options} planId={planId} />}
          </>
        ) : (
          <Typography.Paragraph type="secondary">有下级指标的指标不设评分方式，得分由下级指标汇总。</Typography.Paragraph>
        )}
        <Form.Item label="评分标准">
          <Input.TextArea aria-label="评分标准" rows={3} maxLength={2000} value={node.criteria} onChange={(e) => onChange({ criteria: e.target.value })} />
        </Form.Item>
        <Form.Item label="佐证材料">
          <Input.TextArea aria-label="佐证材料要求" rows={2} maxLength={1000} value={node.evidence} onChange={(e) => onChange({ evidence: e.target.value })} />
        </Form.Item>
        <Form.Item label="关联任务" extra={options && !options.tasks.length ? '本地区还没有导入方案任务' : undefined}>
          <Select
            aria-label="关联任务"
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            maxTagCount="responsive"
            placeholder="选择方案中的任务"
            value={node.taskIds}
            onChange={(v: string[]) => onChange({ taskIds: v })}
            options={tasks.map((t) => ({ value: t.id, label: `${t.number} ${t.text.slice(0, 40)}` }))}
          />
        </Form.Item>
      </Form>
    </Card>
  );
}

export default function FrameworkEditor() {
  const { id = '' } = useParams();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const f = useFramework(id);
  const options = useFrameworkOptions(id);
  const save = useSaveFramework();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [saveError, setSaveError] = useState<{ text: string; stale: boolean } | null>(null);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [planId, setPlanId] = useState<string | undefined>();

  useEffect(() => {
    if (f.data && !draft) {
      setDraft(draftOf(f.data));
      setProblems(f.data.problems);
    }
  }, [f.data, draft]);
  useEffect(() => {
    if (!planId && options.data?.plans.length) setPlanId(f.data?.sourcePlanId ?? options.data.plans[0]!.id);
  }, [options.data, f.data, planId]);

  const idx = useMemo(() => (draft ? pathIndex(draft.nodes) : new Map<string, { path: string; level: number; parentKey: string | null }>()), [draft]);
  const mismatches = useMemo(() => (draft ? sumMismatches(draft.nodes) : new Map<string, number>()), [draft]);
  const byPath = useMemo(() => {
    const m = new Map<string, string>();
    for (const [k, v] of idx) m.set(v.path, k);
    return m;
  }, [idx]);

  if (f.error) return <Result status="warning" title={errorMessage(f.error)} extra={<Link to="/assessment?tab=frameworks">返回指标体系</Link>} />;
  if (!f.data || !draft) return <Spin style={{ display: 'block', margin: '80px auto' }} />;
  const fw = f.data;
  if (!canDecide(me) || fw.editBlock) {
    return <Result status="info" title="该指标体系不能编辑" subTitle={fw.editBlock ?? '考核指标体系由依法治办制定和修改。'} extra={<Link to={`/assessment?tab=frameworks&fw=${fw.id}`}>返回指标体系</Link>} />;
  }

  const change = (nodes: EditNode[]) => {
    setDraft({ ...draft, nodes });
    setDirty(true);
  };
  const node = selected ? findNode(draft.nodes, selected) : null;
  const siblingsOf = (key: string): EditNode[] => {
    const parent = idx.get(key)?.parentKey;
    return parent ? (findNode(draft.nodes, parent)?.children ?? []) : draft.nodes;
  };
  const problemsAt = (key: string) => problems.filter((p) => p.path === idx.get(key)?.path);
  const rootSum = sumOf(draft.nodes);
  const totalOff = draft.total !== null && Math.abs(rootSum - draft.total) > 0.005;
  const totalProblems = problems.filter((p) => p.path === '（总分）');

  const doSave = () => {
    setSaveError(null);
    const local = localProblems(draft.nodes);
    if (local.length) {
      setProblems(local);
      setSaveError({ text: `还有 ${local.length} 处需要填写，未保存`, stale: false });
      return;
    }
    save.mutate(
      { id: fw.id, body: { name: draft.name.trim(), totalPoints: draft.total ?? 0, indicators: toInput(draft.nodes), version: draft.version } },
      {
        onSuccess: (saved) => {
          // the saved tree is the one sent: keep the page's nodes (and the selection), take the new version
          setDraft({ name: saved.name, total: saved.totalPoints, nodes: draft.nodes, version: saved.version });
          setDirty(false);
          setProblems(saved.problems);
          void message.success(`已保存「${saved.name}」`);
        },
        onError: (e) => {
          if (isApiError(e) && e.code === 'VALIDATION') setProblems(e.details.map((d) => ({ path: d.field ?? '', message: d.message })));
          setSaveError(
            isStaleVersion(e)
              ? { text: '保存未成功：该指标体系已被他人修改。本页的修改仍保留，未写入；可载入最新版本后重新修改。', stale: true }
              : isApiError(e) && e.code === 'VALIDATION'
                ? { text: '保存未成功：请按下列问题修正后再保存（本页的修改仍保留）', stale: false }
                : { text: `保存未成功：${errorMessage(e)}（本页的修改仍保留）`, stale: false },
          );
        },
      },
    );
  };
  const reload = async () => {
    const latest = await f.refetch();
    if (latest.data) {
      setDraft(draftOf(latest.data));
      setProblems(latest.data.problems);
      setDirty(false);
      setSelected(null);
      setSaveError(null);
    }
  };

  const expanded = parentKeys(draft.nodes).filter((k) => !collapsed.has(k));
  type TreeItem = { key: string; title: string; node: EditNode; children?: TreeItem[] };
  const toTreeData = (ns: EditNode[]): TreeItem[] => ns.map((n) => ({ key: n.key, title: n.name, node: n, ...(n.children.length ? { children: toTreeData(n.children) } : {}) }));

  return (
    <>
      <PageHeader
        title="编辑考核指标体系"
        extra={
          <>
            <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/assessment?tab=frameworks&fw=${fw.id}`)}>返回</Button>
            <Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={doSave}>保存</Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap size="large" align="center">
          <Space>
            <span>名称</span>
            <Input aria-label="指标体系名称" style={{ width: 340 }} maxLength={100} value={draft.name} onChange={(e) => { setDraft({ ...draft, name: e.target.value }); setDirty(true); }} />
          </Space>
          <Space>
            <span>总分</span>
            <InputNumber aria-label="总分" min={1} max={1000} value={draft.total} onChange={(v) => { setDraft({ ...draft, total: v }); setDirty(true); }} addonAfter="分" />
          </Space>
          <Tag color={totalOff ? 'red' : 'green'} className="fz-fw-total">一级指标合计 {rootSum} 分{totalOff ? `，与总分 ${draft.total} 分不符` : ''}</Tag>
          <Space>
            <span>选取任务和指标的方案</span>
            <Select aria-label="选取任务和指标的方案" style={{ width: 300 }} value={planId} onChange={setPlanId} options={(options.data?.plans ?? []).map((p) => ({ value: p.id, label: p.title }))} notFoundContent="本地区尚无方案" />
          </Space>
          <Typography.Text type="secondary">{fw.year}年度 · 第 {draft.version} 版{dirty ? ' · ' : ''}{dirty && <Tag color="orange">有未保存的修改</Tag>}</Typography.Text>
        </Space>
      </Card>
      {saveError && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={saveError.text}
          action={saveError.stale ? <Popconfirm title="放弃本页的修改，载入他人保存的最新版本？" okText="载入" cancelText="取消" onConfirm={() => void reload()}><Button size="small">载入最新版本</Button></Popconfirm> : undefined}
          closable
          onClose={() => setSaveError(null)}
        />
      )}
      {problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={`指标体系有 ${problems.length} 处问题，修正后才能保存`}
          description={
            <ul style={{ margin: 0, paddingLeft: 18 }} className="fz-fw-problems">
              {problems.map((p, i) => (
                <li key={i}>
                  {byPath.has(p.path) ? <Typography.Link onClick={() => setSelected(byPath.get(p.path)!)}>{p.path}</Typography.Link> : p.path}：{p.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
      <Row gutter={12}>
        <Col xs={24} lg={11}>
          <Card size="small" title="指标" extra={<Button size="small" icon={<PlusOutlined />} onClick={() => { const r = addChild(draft.nodes, null, draft.total ?? 0); change(r.nodes); setSelected(r.key); }}>添加一级指标</Button>}>
            {totalProblems.length > 0 && <Alert type="error" style={{ marginBottom: 8 }} title={totalProblems.map((p) => p.message).join('；')} />}
            {draft.nodes.length ? (
              <Tree
                className="fz-fw-tree"
                blockNode
                showLine
                selectedKeys={selected ? [selected] : []}
                expandedKeys={expanded}
                onExpand={(keys) => {
                  const open = new Set(keys.map(String));
                  setCollapsed(new Set(parentKeys(draft.nodes).filter((k) => !open.has(k))));
                }}
                onSelect={(keys) => setSelected(keys.length ? String(keys[0]) : selected)}
                treeData={toTreeData(draft.nodes)}
                titleRender={(d) => {
                  const n = (d as TreeItem).node;
                  const info = idx.get(n.key);
                  if (!info) return <span>{n.name}</span>; // a node of the tree before a reload, on its way out
                  const off = mismatches.get(n.key);
                  const here = problemsAt(n.key);
                  return (
                    <div data-path={info.path} className="fz-fw-node" style={{ padding: '2px 0' }}>
                      <Space size={6} wrap>
                        <span style={{ fontWeight: info.level === 1 ? 600 : 400 }}>{n.name || <Typography.Text type="danger">（未命名）</Typography.Text>}</span>
                        <Tag color={off !== undefined ? 'red' : undefined} style={{ marginInlineEnd: 0 }}>{n.points ?? '?'} 分</Tag>
                        {n.children.length > 0 && <Typography.Text type={off !== undefined ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>下级合计 {round2(off ?? n.points ?? 0)} 分</Typography.Text>}
                        {!n.children.length && n.rule && <Tag color={n.rule.kind === 'manual' ? 'default' : 'blue'} style={{ marginInlineEnd: 0 }}>{RULE_KIND_LABEL[n.rule.kind]}</Tag>}
                      </Space>
                      {here.map((p, i) => <div key={i} className="fz-fw-problem" style={{ color: '#cf1322', fontSize: 12 }}>{p.message}</div>)}
                    </div>
                  );
                }}
              />
            ) : (
              <Empty description="还没有指标，请添加一级指标" />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={13}>
          {node ? (
            <NodeForm
              key={node.key}
              node={node}
              level={idx.get(node.key)!.level}
              isFirst={siblingsOf(node.key)[0]?.key === node.key}
              isLast={siblingsOf(node.key).at(-1)?.key === node.key}
              problems={problemsAt(node.key)}
              options={options.data}
              planId={planId}
              onChange={(p) => change(updateNode(draft.nodes, node.key, p))}
              onMove={(by) => change(moveNode(draft.nodes, node.key, by))}
              onAddChild={() => { const r = addChild(draft.nodes, node.key, draft.total ?? 0); change(r.nodes); setSelected(r.key); }}
              onRemove={() => { change(removeNode(draft.nodes, node.key)); setSelected(idx.get(node.key)?.parentKey ?? null); }}
            />
          ) : (
            <Card size="small"><Empty description="在左侧选择一项指标进行编辑" /></Card>
          )}
        </Col>
      </Row>
    </>
  );
}
