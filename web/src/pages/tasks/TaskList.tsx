import { useMemo, useState, useEffect } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert, Card, DatePicker, Empty, Input, Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import dayjs from 'dayjs';
import { TASK_STATUSES, type TaskListItem, type TaskStatus } from '@shared/api/tasks.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { useTaskList, type TaskFilter } from '../../api/tasks.ts';
import { useUnits } from '../../api/units.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { readsRegion } from '../../lib/perm.ts';
import { useRegionName } from '../../lib/region.ts';
import { ExportButton } from '../dashboard/ExportButton.tsx';
import { TASK_STATUS_COLOR } from '../reports/common.tsx';

const STATUS_CHIP_COLOR: Record<TaskStatus, string> = { 未开始: '#8c8c8c', 推进中: '#1f5fae', 已完成: '#389e0d', 长期坚持: '#08979c', 逾期: '#a8151b', 滞后: '#d48806' };
const PAGE_SIZE = 20;

/** 「任务」: every task of the region's plans the user may see (a liaison: their unit's), filtered by the server. */
export default function TaskList() {
  const me = useCurrentUser();
  const regionId = me.currentRegionId;
  const regionName = useRegionName();
  const wholeRegion = readsRegion(me);
  const [sp, setSp] = useSearchParams();
  const get = (k: string) => sp.get(k) ?? undefined;
  const set = (patch: Record<string, string | undefined>) => {
    const n = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v) n.set(k, v);
      else n.delete(k);
    }
    if (!('page' in patch)) n.delete('page');
    setSp(n, { replace: true });
  };
  const status = get('status') as TaskStatus | undefined;
  const filter: TaskFilter = {
    planId: get('plan'),
    headingId: get('chapter'),
    unitId: wholeRegion ? get('unit') : undefined,
    status,
    dueFrom: get('from'),
    dueTo: get('to'),
    q: get('q'),
    page: Number(get('page') ?? 1),
    pageSize: Number(get('size') ?? PAGE_SIZE),
  };
  const list = useTaskList(regionId, filter);
  const units = useUnits(wholeRegion && regionId ? { regionId } : null);
  const [words, setWords] = useState(filter.q ?? '');
  useEffect(() => setWords(filter.q ?? ''), [filter.q]);

  const data = list.data;
  const counts = data?.counts ?? {};
  const planOptions = useMemo(() => (data?.plans ?? []).map((p) => ({ value: p.id, label: p.title })), [data?.plans]);
  const chapterOptions = useMemo(() => {
    const several = (data?.plans.length ?? 0) > 1 && !filter.planId;
    const title = new Map((data?.plans ?? []).map((p) => [p.id, p.title]));
    return (data?.chapters ?? []).map((c) => ({ value: c.id, label: several ? `${title.get(c.planId) ?? ''} · ${c.label}` : c.label }));
  }, [data?.chapters, data?.plans, filter.planId]);
  // the export carries every filter of the list (not the page): the file holds what the list shows
  const exportFilters = Object.fromEntries(Object.entries({ planId: filter.planId, headingId: filter.headingId, unitId: filter.unitId, status, dueFrom: filter.dueFrom, dueTo: filter.dueTo, q: filter.q }).filter(([, v]) => v));
  const filtering = !!(filter.planId || filter.headingId || filter.unitId || status || filter.dueFrom || filter.dueTo || filter.q);

  const columns: TableColumnsType<TaskListItem> = [
    {
      title: '编号',
      dataIndex: 'number',
      width: 90,
      render: (n: string, t) => <Link to={`/tasks/${t.id}`} className="fz-task-link" title="查看任务详情">{n}</Link>,
    },
    {
      title: '任务内容',
      dataIndex: 'text',
      render: (text: string, t) => (
        <>
          <Link to={`/tasks/${t.id}`} style={{ color: 'inherit' }}>
            <Typography.Paragraph ellipsis={{ rows: 2, tooltip: { title: text, styles: { root: { maxWidth: 560 } } } }} style={{ marginBottom: 2 }} className="fz-verbatim">
              {t.title ? <b>{t.title}</b> : null}
              {t.title && text.startsWith(t.title) ? text.slice(t.title.length) : t.title ? `　${text}` : text}
            </Typography.Paragraph>
          </Link>
          <span className="fz-sub">
            {(data?.plans.length ?? 0) > 1 ? `${t.planTitle} · ` : ''}
            {t.chapter ?? ''}
          </span>
        </>
      ),
    },
    {
      title: '牵头单位',
      dataIndex: 'leadUnits',
      width: 170,
      render: (names: string[], t) => (
        <>
          {names.length ? names.join('、') : <span style={{ color: '#bfbfbf' }}>未分配</span>}
          {t.role && <div><Tag color={t.role === 'lead' ? 'blue' : 'default'} style={{ marginTop: 4 }}>{t.role === 'lead' ? '本单位牵头' : '本单位配合'}</Tag></div>}
        </>
      ),
    },
    {
      title: '责任单位',
      dataIndex: 'coUnits',
      width: 200,
      render: (names: string[]) =>
        names.length ? <Typography.Paragraph ellipsis={{ rows: 2, tooltip: names.join('、') }} style={{ marginBottom: 0 }}>{names.join('、')}</Typography.Paragraph> : '—',
    },
    { title: '完成时限', dataIndex: 'deadline', width: 180, render: (d: string) => <span style={{ color: '#595959' }}>{d}</span> },
    {
      title: '状态',
      dataIndex: 'status',
      width: 100,
      render: (s: TaskStatus, t) => (
        <Tooltip title={t.statusReason}>
          <Tag color={TASK_STATUS_COLOR[s]}>{s}</Tag>
        </Tooltip>
      ),
    },
  ];

  if (!regionId) return <Card><Empty description="您的账号尚未分配地区，请联系管理员" /></Card>;
  return (
    <>
      <PageHeader title="任务" extra={<ExportButton request={{ kind: 'tasks', regionId, filters: exportFilters }} />} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="fz-period-bar">
          <span style={{ color: '#595959' }}>
            {regionName}
            {data?.unit ? ` · ${data.unit.name}${wholeRegion ? '' : '（本单位牵头或配合的任务）'}` : ' · 全部方案任务'}
          </span>
          <div className="fz-chips" role="group" aria-label="按状态筛选">
            <button type="button" className={`fz-chip ${!status ? 'fz-chip-on' : ''}`} onClick={() => set({ status: undefined })} aria-pressed={!status}>
              全部 <b>{counts.total ?? 0}</b>
            </button>
            {TASK_STATUSES.map((s) => (
              <button type="button" key={s} className={`fz-chip ${status === s ? 'fz-chip-on' : ''}`} onClick={() => set({ status: status === s ? undefined : s })} aria-pressed={status === s}>
                {s} <b style={{ color: STATUS_CHIP_COLOR[s] }}>{counts[s] ?? 0}</b>
              </button>
            ))}
          </div>
        </div>
      </Card>
      <Card size="small">
        <div className="fz-toolbar" style={{ flexWrap: 'wrap', rowGap: 8 }}>
          <Select allowClear style={{ width: 260 }} placeholder="全部方案" value={filter.planId} onChange={(v) => set({ plan: v, chapter: undefined })} options={planOptions} aria-label="按方案筛选" />
          <Select allowClear style={{ width: 260 }} placeholder="全部章节" value={filter.headingId} onChange={(v) => set({ chapter: v })} options={chapterOptions} aria-label="按章节筛选" />
          {wholeRegion && (
            <Select
              allowClear
              showSearch
              optionFilterProp="label"
              style={{ width: 240 }}
              placeholder="全部单位"
              value={filter.unitId}
              loading={units.isLoading}
              onChange={(v) => set({ unit: v })}
              options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              aria-label="按单位筛选"
            />
          )}
          <Select allowClear style={{ width: 130 }} placeholder="全部状态" value={status} onChange={(v) => set({ status: v })} options={TASK_STATUSES.map((s) => ({ value: s, label: s }))} aria-label="按状态筛选" />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={['完成时限自', '至']}
            value={[filter.dueFrom ? dayjs(filter.dueFrom) : null, filter.dueTo ? dayjs(filter.dueTo) : null]}
            onChange={(v) => set({ from: v?.[0]?.format('YYYY-MM-DD'), to: v?.[1]?.format('YYYY-MM-DD') })}
            aria-label="按完成时限筛选"
          />
          <Input.Search
            allowClear
            style={{ width: 220 }}
            placeholder="任务内容或编号"
            value={words}
            onChange={(e) => setWords(e.target.value)}
            onSearch={(v) => set({ q: v.trim() || undefined })}
            aria-label="搜索任务"
          />
          <span style={{ color: '#8c8c8c' }}>共 {data?.total ?? 0} 项</span>
        </div>
        {list.error && <Alert type="error" showIcon title={errorMessage(list.error)} style={{ marginBottom: 12 }} />}
        <Table<TaskListItem>
          rowKey="id"
          size="small"
          bordered
          columns={columns}
          dataSource={data?.items ?? []}
          loading={list.isLoading || (list.isFetching && !list.isPending)}
          locale={{ emptyText: <Empty description={filtering ? '没有符合条件的任务' : wholeRegion ? '尚未导入方案' : '本单位暂无任务'} /> }}
          pagination={{
            current: data?.page ?? filter.page,
            pageSize: data?.pageSize ?? filter.pageSize,
            total: data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [20, 50, 100],
            showTotal: (t) => `共 ${t} 项`,
            onChange: (page, size) => set({ page: page > 1 ? String(page) : undefined, size: size !== PAGE_SIZE ? String(size) : undefined }),
          }}
          scroll={{ x: 1000 }}
        />
      </Card>
    </>
  );
}
