import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Button, Card, Checkbox, Empty, Segmented, Select, Space, Table, Typography } from 'antd';
import { FileExcelOutlined, FileWordOutlined } from '@ant-design/icons';
import type { Problem } from '@shared/api/inspections.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { problemsDocxUrl, problemsXlsxUrl, useProblems, type ProblemExportFilters } from '../../api/inspections.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { readsRegion } from '../../lib/perm.ts';
import { UnitSelect, yearOptions } from '../supervision/common.tsx';
import { FileList, ProblemStateTag } from './common.tsx';

/** 问题清单: the region's (filter by unit, plan or visit), or — for a liaison — the unit's own to rectify. */
export default function Problems({ mine = false }: { mine?: boolean }) {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const region = readsRegion(me) && !mine;
  const state = params.get('state') ?? '';
  const unitId = region ? (params.get('unitId') ?? undefined) : undefined;
  const visitId = params.get('visitId') ?? undefined;
  const inspectionId = params.get('inspectionId') ?? undefined;
  const overdue = params.get('overdue') === '1' ? ('1' as const) : undefined;
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const [page, setPage] = useState(1);
  // the exports carry exactly the filters on screen (every page of them)
  const filters: ProblemExportFilters = { regionId: me.currentRegionId, state: state || undefined, unitId, inspectionId, visitId, overdue, year };
  const q = useProblems({ ...filters, page, pageSize: 20 });
  const total = q.data?.total ?? 0;
  const setFilter = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
    setPage(1);
  };
  const items = q.data?.items ?? [];
  return (
    <>
      <PageHeader
        title={mine ? '本单位问题整改' : '问题清单'}
        extra={
          <Space>
            <Button icon={<FileExcelOutlined />} href={problemsXlsxUrl(filters)} download disabled={!q.data}>导出 Excel</Button>
            <Button icon={<FileWordOutlined />} href={problemsDocxUrl(filters)} download disabled={!total} title={total ? '按筛选条件生成问题清单（GB/T 9704 版式，每次督察一份）' : '没有问题可导出'}>问题清单 Word</Button>
          </Space>
        }
      />
      <Card size="small">
        <div className="fz-toolbar">
          <Segmented
            value={state}
            onChange={(v) => setFilter('state', v || undefined)}
            options={[{ value: '', label: '全部' }, { value: 'open', label: '待整改' }, { value: 'submitted', label: '待核查' }, { value: 'closed', label: '已销号' }]}
          />
          {region && <UnitSelect regionId={me.currentRegionId} value={unitId} onChange={(v) => setFilter('unitId', v)} ariaLabel="单位筛选" placeholder="全部单位" />}
          <Select allowClear aria-label="年度" placeholder="全部年度" style={{ width: 120 }} value={year} onChange={(v: number | undefined) => setFilter('year', v ? String(v) : undefined)} options={yearOptions()} />
          <Checkbox checked={!!overdue} onChange={(e) => setFilter('overdue', e.target.checked ? '1' : undefined)}>只看逾期未整改</Checkbox>
          {visitId && <a onClick={() => setFilter('visitId', undefined)}>（仅一次督察，点此看全部）</a>}
          {inspectionId && <a onClick={() => setFilter('inspectionId', undefined)}>（仅一个督察计划，点此看全部）</a>}
          <Typography.Text type="secondary">共 {total} 个问题</Typography.Text>
        </div>
        <Table<Problem>
          rowKey="id"
          size="small"
          bordered
          loading={q.isFetching}
          dataSource={items}
          locale={{ emptyText: <Empty description={mine || me.role === 'liaison' ? '本单位没有督察问题' : '没有符合条件的问题'} /> }}
          pagination={{ current: page, pageSize: 20, total: q.data?.total, onChange: setPage, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            { title: '编号', dataIndex: 'number', width: 190, render: (n: string, p) => <Link to={`/inspection/problems/${p.id}`} style={{ whiteSpace: 'nowrap' }}>{n}</Link> },
            ...(region ? [{ title: '单位', dataIndex: 'unitName', width: 150 }] : []),
            { title: '问题', key: 'd', render: (_v, p) => <><Typography.Paragraph ellipsis={{ rows: 2, tooltip: p.description }} style={{ marginBottom: 0 }}>{p.description}</Typography.Paragraph>{p.taskNumber && <div style={{ fontSize: 12, color: '#8c8c8c' }}>任务 {p.taskNumber}</div>}</> },
            { title: '照片', key: 'f', width: 120, render: (_v, p) => <FileList files={p.findingFiles.filter((f) => f.kind === 'image').slice(0, 1)} empty="—" /> },
            { title: '整改要求', dataIndex: 'requirement', width: 220, render: (s: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: s }} style={{ marginBottom: 0 }}>{s}</Typography.Paragraph> },
            { title: '整改期限', dataIndex: 'deadline', width: 100 },
            { title: '状态', key: 's', width: 140, render: (_v, p) => <ProblemStateTag state={p.state} label={p.stateLabel} overdue={p.overdue} escalated={!!p.escalatedAt} returned={!!p.returnReason} /> },
          ]}
        />
      </Card>
    </>
  );
}
