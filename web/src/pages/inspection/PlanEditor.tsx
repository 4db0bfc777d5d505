import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, DatePicker, Empty, Form, Input, InputNumber, Result, Row, Select, Space, Spin, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { Scope, VisitInput } from '@shared/api/inspections.ts';
import { errorMessage, isStaleVersion } from '../../api/client.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { canPlanInspections, useInspectionPlan, useInspectors, useSavePlan, useScope } from '../../api/inspections.ts';
import { usePlans } from '../../api/plans.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { UnitSelect } from '../supervision/common.tsx';

type Row = { key: string; unitId?: string; unitName?: string; scheduledOn?: string; inspectorIds: string[]; headingIds: string[]; taskIds: string[]; locked?: boolean };
let rowSeq = 0;
const newRow = (scheduledOn?: string): Row => ({ key: `r${++rowSeq}`, scheduledOn, inspectorIds: [], headingIds: [], taskIds: [] });

/** The checklist the server will derive: picked tasks, plus the unit's tasks under picked chapters (and their sections). */
export function checklistPreview(scope: Scope | undefined, r: Pick<Row, 'headingIds' | 'taskIds'>) {
  if (!scope) return [];
  const under = new Set<string>();
  scope.headings.forEach((h, i) => {
    if (!r.headingIds.includes(h.id)) return;
    under.add(h.id);
    for (let j = i + 1; j < scope.headings.length && scope.headings[j]!.depth > h.depth; j++) under.add(scope.headings[j]!.id);
  });
  return scope.tasks.filter((t) => r.taskIds.includes(t.id) || (t.headingId !== null && under.has(t.headingId)));
}

function VisitRow({ row, planId, regionId, inspectors, onChange, onRemove, bounds, index }: { row: Row; planId?: string; regionId: string | null; inspectors: { id: string; name: string }[]; onChange: (r: Row) => void; onRemove: () => void; bounds: [string, string] | null; index: number }) {
  const scope = useScope(planId, row.unitId);
  const items = checklistPreview(scope.data, row);
  const set = (p: Partial<Row>) => onChange({ ...row, ...p });
  return (
    <Card size="small" style={{ marginBottom: 8 }} title={<span>被督察单位 {index + 1}{row.locked && <Tag color="green" style={{ marginLeft: 8 }}>已督察（不可修改）</Tag>}</span>} extra={!row.locked && <Button size="small" type="text" danger icon={<DeleteOutlined />} onClick={onRemove} aria-label={`移除单位 ${index + 1}`}>移除</Button>}>
      <Row gutter={12}>
        <Col xs={24} md={8}>
          <Form.Item label="单位" required style={{ marginBottom: 8 }}>
            {row.locked ? (
              <Input disabled value={row.unitName} aria-label={`被督察单位 ${index + 1}`} style={{ width: 280 }} />
            ) : (
              <UnitSelect regionId={regionId} value={row.unitId} onChange={(v) => set({ unitId: v, headingIds: [], taskIds: [] })} placeholder="输入单位名称搜索" width={280} allowClear={false} ariaLabel={`被督察单位 ${index + 1}`} />
            )}
          </Form.Item>
        </Col>
        <Col xs={24} md={6}>
          <Form.Item label="督察日期" required style={{ marginBottom: 8 }}>
            <DatePicker
              aria-label={`督察日期 ${index + 1}`}
              disabled={row.locked}
              value={row.scheduledOn ? dayjs(row.scheduledOn) : null}
              disabledDate={(d) => !!bounds && (d.isBefore(dayjs(bounds[0])) || d.isAfter(dayjs(bounds[1])))}
              onChange={(d) => set({ scheduledOn: d ? d.format('YYYY-MM-DD') : undefined })}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={10}>
          <Form.Item label="督察人员" required style={{ marginBottom: 8 }}>
            <Select mode="multiple" aria-label={`督察人员 ${index + 1}`} disabled={row.locked} value={row.inspectorIds} onChange={(v: string[]) => set({ inspectorIds: v })} placeholder="选择督察考核人员" options={inspectors.map((i) => ({ value: i.id, label: i.name }))} showSearch={{ optionFilterProp: 'label' }} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="督察章节" style={{ marginBottom: 8 }} extra="选择章节即督察该单位在这些章节中承担的全部任务">
            <Select
              mode="multiple"
              aria-label={`督察章节 ${index + 1}`}
              disabled={row.locked || !row.unitId || !planId}
              loading={scope.isLoading}
              value={row.headingIds}
              onChange={(v: string[]) => set({ headingIds: v })}
              placeholder={!planId ? '请先选择规划' : !row.unitId ? '请先选择单位' : '选择章节'}
              options={(scope.data?.headings ?? []).map((h) => ({ value: h.id, label: `${'　'.repeat(Math.max(0, h.depth - 1))}${h.number}${/^[一二三四五六七八九十]+$/.test(h.number) ? '、' : ' '}${h.title}（${h.taskCount} 项）`, disabled: h.taskCount === 0 }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label="督察任务" style={{ marginBottom: 8 }}>
            <Select
              mode="multiple"
              aria-label={`督察任务 ${index + 1}`}
              disabled={row.locked || !row.unitId || !planId}
              loading={scope.isLoading}
              value={row.taskIds}
              onChange={(v: string[]) => set({ taskIds: v })}
              placeholder="或逐项选择该单位承担的任务"
              options={(scope.data?.tasks ?? []).map((t) => ({ value: t.id, label: `${t.number} ${t.text.length > 40 ? `${t.text.slice(0, 40)}…` : t.text}${t.role === 'co' ? '（配合）' : ''}` }))}
              showSearch={{ optionFilterProp: 'label' }}
            />
          </Form.Item>
        </Col>
      </Row>
      {row.unitId && scope.data && (
        <div style={{ fontSize: 12 }} aria-label={`督察清单 ${index + 1}`}>
          <Typography.Text strong>督察清单（{items.length} 项）</Typography.Text>
          {scope.data.tasks.length === 0 && <Typography.Text type="warning">　该单位在此规划中没有承担任务</Typography.Text>}
          {items.slice(0, 8).map((t) => (
            <div key={t.id} style={{ color: '#595959' }}>· {t.number} {t.text.length > 60 ? `${t.text.slice(0, 60)}…` : t.text}{t.role === 'co' && <Tag style={{ marginLeft: 4 }}>配合</Tag>}</div>
          ))}
          {items.length > 8 && <div style={{ color: '#8c8c8c' }}>…… 另 {items.length - 8} 项</div>}
        </div>
      )}
    </Card>
  );
}

export default function PlanEditor() {
  const { id } = useParams();
  const me = useCurrentUser();
  const nav = useNavigate();
  const { message } = App.useApp();
  const existing = useInspectionPlan(id);
  const plans = usePlans(me.currentRegionId);
  const inspectors = useInspectors(me.currentRegionId, canPlanInspections(me));
  const save = useSavePlan();
  const [title, setTitle] = useState('');
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const [planId, setPlanId] = useState<string | undefined>();
  const [range, setRange] = useState<[string, string] | null>(null);
  const [note, setNote] = useState('');
  const [rows, setRows] = useState<Row[]>([newRow()]);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    const d = existing.data;
    if (!d || loaded) return;
    setTitle(d.title);
    setYear(d.year);
    setPlanId(d.planId ?? undefined);
    setRange([d.startsOn, d.endsOn]);
    setNote(d.note);
    setRows(d.visits.map((v) => ({ key: v.id, unitId: v.unitId, unitName: v.unitName, scheduledOn: v.scheduledOn, inspectorIds: v.inspectors.map((i) => i.id), headingIds: v.headingIds, taskIds: v.taskIds, locked: v.state === 'recorded' })));
    setLoaded(true);
  }, [existing.data, loaded]);
  useEffect(() => {
    if (!id && !planId && plans.data?.length) setPlanId(plans.data[0]!.id);
  }, [id, planId, plans.data]);

  if (!canPlanInspections(me)) return <Card><Result status="403" title="您没有权限制定督察计划" extra={<Link to="/inspection/plans">返回督察计划</Link>} /></Card>;
  if (id && existing.isPending) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;
  if (id && existing.error) return <Card><Result status="warning" title="无法打开该督察计划" subTitle={errorMessage(existing.error)} /></Card>;

  const submit = () => {
    setError(null);
    if (!title.trim()) return setError('请填写督察计划名称');
    if (!range) return setError('请选择督察起止日期');
    const bad = rows.findIndex((r) => !r.unitId || !r.scheduledOn || !r.inspectorIds.length || !(r.headingIds.length + r.taskIds.length));
    if (bad >= 0) return setError(`第 ${bad + 1} 个被督察单位：请选择单位、督察日期、督察人员，以及督察的章节或任务`);
    const visits: VisitInput[] = rows.map((r) => ({ unitId: r.unitId!, scheduledOn: r.scheduledOn!, inspectorIds: r.inspectorIds, headingIds: r.headingIds, taskIds: r.taskIds }));
    const body = { title: title.trim(), year, planId: planId ?? null, startsOn: range[0], endsOn: range[1], note, visits };
    save.mutate(
      id ? { id, body: { ...body, version: existing.data!.version } } : { body: { ...body, regionId: me.currentRegionId ?? undefined } },
      {
        onSuccess: (p) => {
          void message.success(id ? '已保存督察计划' : `已制定督察计划，共 ${p.unitCount} 个单位`);
          void nav(`/inspection/plans/${p.id}`);
        },
        onError: (e) => setError(isStaleVersion(e) ? '督察计划已被他人修改，请刷新后再试' : errorMessage(e)),
      },
    );
  };

  return (
    <>
      <PageHeader title={id ? `修改督察计划` : '制定督察计划'} extra={<Space><Button onClick={() => void nav(id ? `/inspection/plans/${id}` : '/inspection/plans')}>取消</Button><Button type="primary" icon={<SaveOutlined />} loading={save.isPending} onClick={submit}>保存计划</Button></Space>} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Form layout="vertical">
          <Row gutter={12}>
            <Col xs={24} md={12}>
              <Form.Item label="计划名称" required style={{ marginBottom: 8 }}>
                <Input aria-label="计划名称" value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} placeholder="如：2025年度法治政府建设督察" />
              </Form.Item>
            </Col>
            <Col xs={12} md={4}>
              <Form.Item label="年度" required style={{ marginBottom: 8 }}>
                <InputNumber aria-label="年度" value={year} min={2000} max={2100} onChange={(v) => setYear(Number(v ?? new Date().getFullYear()))} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item label="督察起止日期" required style={{ marginBottom: 8 }}>
                <DatePicker.RangePicker aria-label="督察起止日期" value={range ? [dayjs(range[0]), dayjs(range[1])] : null} onChange={(v) => setRange(v && v[0] && v[1] ? [v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')] : null)} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="督察依据的规划" required style={{ marginBottom: 8 }} extra="督察清单由该规划中各单位承担的任务生成">
                <Select aria-label="督察依据的规划" value={planId} disabled={rows.some((r) => r.locked)} onChange={(v: string) => (setPlanId(v), setRows((rs) => rs.map((r) => (r.locked ? r : { ...r, headingIds: [], taskIds: [] }))))} options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))} placeholder="选择规划" />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label="说明" style={{ marginBottom: 8 }}>
                <Input.TextArea aria-label="说明" value={note} onChange={(e) => setNote(e.target.value)} autoSize={{ minRows: 1, maxRows: 4 }} maxLength={3000} placeholder="督察方式、重点等" />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      </Card>
      {inspectors.data && !inspectors.data.length && <Alert style={{ marginBottom: 12 }} type="warning" showIcon title="本地区还没有督察考核人员账号，请先在「用户账号」中添加（角色：督察考核）" />}
      <Form layout="vertical">
        {rows.map((r, i) => (
          <VisitRow key={r.key} index={i} row={r} planId={planId} regionId={me.currentRegionId} inspectors={inspectors.data ?? []} bounds={range} onChange={(n) => setRows((rs) => rs.map((x) => (x.key === r.key ? n : x)))} onRemove={() => setRows((rs) => rs.filter((x) => x.key !== r.key))} />
        ))}
      </Form>
      {!rows.length && <Card size="small"><Empty description="请添加被督察单位" /></Card>}
      <Button icon={<PlusOutlined />} onClick={() => setRows((rs) => [...rs, newRow(rs.at(-1)?.scheduledOn)])} style={{ marginBottom: 12 }}>添加被督察单位</Button>
      {error && <Alert type="error" showIcon title={error} />}
    </>
  );
}
