import { useMemo, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, Input, Popconfirm, Row, Segmented, Select, Space, Table, Tag, Tree, Typography, type TableColumnsType } from 'antd';
import { ApartmentOutlined, DownloadOutlined, MergeCellsOutlined, PlusOutlined, TableOutlined, UploadOutlined } from '@ant-design/icons';
import type { Unit } from '@shared/api/units.ts';
import type { UnitKind } from '@shared/enums.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage, isApiError } from '../../api/client.ts';
import { unitsExportUrl, useSetUnitActive, useUnits } from '../../api/units.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';
import { canManageDirectory } from '../../lib/perm.ts';
import { useRegionName } from '../../lib/region.ts';
import { KIND_OPTIONS, KindTag, UnitStatus } from './common.tsx';
import { ImportModal } from './ImportModal.tsx';
import { MergeModal } from './MergeModal.tsx';
import { UnitDrawer } from './UnitDrawer.tsx';

type ActiveFilter = 'true' | 'false' | 'all';
interface TreeItem {
  key: string;
  title: string;
  unit: Unit;
  children: TreeItem[];
}

function buildTree(units: Unit[]): TreeItem[] {
  const nodes = new Map<string, TreeItem>(units.map((u) => [u.id, { key: u.id, title: u.name, unit: u, children: [] }]));
  const roots: TreeItem[] = [];
  for (const u of units) {
    const parent = u.parentId ? nodes.get(u.parentId) : undefined;
    (parent ? parent.children : roots).push(nodes.get(u.id)!);
  }
  return roots;
}

function UnitDetails({ unit, canWrite, onEdit }: { unit: Unit; canWrite: boolean; onEdit: () => void }) {
  return (
    <Card
      title={<span className="fz-verbatim">{unit.name}</span>}
      extra={canWrite && !unit.mergedIntoId && <Button type="link" onClick={onEdit}>编辑</Button>}
      size="small"
    >
      <Descriptions column={2} size="small" bordered styles={{ label: { width: 110 } }}>
        <Descriptions.Item label="简称">{unit.shortName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="类别"><KindTag kind={unit.kind} /></Descriptions.Item>
        <Descriptions.Item label="上级单位">{unit.parentName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="状态"><UnitStatus unit={unit} /></Descriptions.Item>
        <Descriptions.Item label="主要负责人">{unit.headName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="排序号">{unit.sortOrder}</Descriptions.Item>
        <Descriptions.Item label="联络员">{unit.liaisonName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="联络电话">{unit.liaisonPhone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="联络邮箱" span={2}>{unit.liaisonEmail ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="别名" span={2}>
          {unit.aliases.length ? unit.aliases.map((a) => <Tag key={a.id}>{a.alias}</Tag>) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label="最后修改" span={2}>{fmtTime(unit.updatedAt)}</Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

export default function Units() {
  const me = useCurrentUser();
  const regionId = me.currentRegionId;
  const regionName = useRegionName();
  const canWrite = canManageDirectory(me);
  const { message } = App.useApp();
  const [view, setView] = useState<'table' | 'tree'>('table');
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<UnitKind | undefined>();
  const [active, setActive] = useState<ActiveFilter>('true');
  const [editing, setEditing] = useState<{ unit: Unit | null } | null>(null);
  const [merging, setMerging] = useState<{ sourceId?: string } | null>(null);
  const [importing, setImporting] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const units = useUnits(regionId ? { regionId, q: q || undefined, kind, active } : null);
  const setUnitActive = useSetUnitActive();

  const items = units.data ?? [];
  const tree = useMemo(() => buildTree(items), [items]);
  const selectedUnit = items.find((u) => u.id === selected) ?? null;

  const toggle = (u: Unit) =>
    setUnitActive.mutateAsync({ id: u.id, version: u.version, active: !u.active }).then(
      (r) => void message.success(`${r.active ? '已启用' : '已停用'}「${r.name}」`),
      (e: unknown) => void message.error(isApiError(e) && e.status === 409 ? `${e.message}` : errorMessage(e)),
    );

  const columns: TableColumnsType<Unit> = [
    { title: '序号', key: 'idx', width: 60, align: 'center', render: (_v, _r, i) => i + 1 },
    {
      title: '单位全称',
      dataIndex: 'name',
      width: 240,
      render: (_v, u) => (
        <div>
          <span className="fz-verbatim" style={{ fontWeight: 500 }}>{u.name}</span>
          {u.shortName && <span className="fz-sub">简称：{u.shortName}</span>}
        </div>
      ),
    },
    {
      title: '别名',
      key: 'aliases',
      render: (_v, u) => (u.aliases.length ? <Space size={[2, 4]} wrap>{u.aliases.map((a) => <Tag key={a.id} style={{ marginInlineEnd: 0 }}>{a.alias}</Tag>)}</Space> : <span style={{ color: '#bfbfbf' }}>—</span>),
    },
    { title: '类别', dataIndex: 'kind', width: 100, render: (k: UnitKind) => <KindTag kind={k} /> },
    { title: '上级单位', dataIndex: 'parentName', width: 150, render: (v: string | null) => v ?? <span style={{ color: '#bfbfbf' }}>—</span> },
    {
      title: '联络员',
      key: 'liaison',
      width: 160,
      render: (_v, u) => (u.liaisonName || u.liaisonPhone ? <span>{u.liaisonName ?? ''} <span style={{ color: '#8c8c8c' }}>{u.liaisonPhone ?? ''}</span></span> : <span style={{ color: '#bfbfbf' }}>未设置</span>),
    },
    { title: '状态', key: 'status', width: 80, render: (_v, u) => <UnitStatus unit={u} /> },
    ...(canWrite
      ? [
          {
            title: '操作',
            key: 'op',
            width: 170,
            render: (_v: unknown, u: Unit) =>
              u.mergedIntoId ? (
                <span style={{ color: '#8c8c8c' }}>已合并，不可操作</span>
              ) : (
                <Space size={0}>
                  <Button type="link" size="small" onClick={() => setEditing({ unit: u })}>编辑</Button>
                  <Popconfirm
                    title={u.active ? `停用「${u.name}」？` : `启用「${u.name}」？`}
                    description={u.active ? '停用后不再出现在任务分配等选择列表中，历史数据保留。' : undefined}
                    okText={u.active ? '停用' : '启用'}
                    cancelText="取消"
                    onConfirm={() => toggle(u)}
                  >
                    <Button type="link" size="small" danger={u.active}>{u.active ? '停用' : '启用'}</Button>
                  </Popconfirm>
                  {u.active && <Button type="link" size="small" onClick={() => setMerging({ sourceId: u.id })}>合并</Button>}
                </Space>
              ),
          },
        ]
      : []),
  ];

  if (!regionId) return <Card><Empty description="您的账号尚未分配地区，请联系管理员" /></Card>;

  return (
    <>
      <PageHeader
        title="单位管理"
        extra={
          <>
            {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ unit: null })}>新增单位</Button>}
            {canWrite && <Button icon={<MergeCellsOutlined />} onClick={() => setMerging({})}>合并单位</Button>}
            {canWrite && <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>导入</Button>}
            <Button icon={<DownloadOutlined />} href={unitsExportUrl(regionId)}>导出 Excel</Button>
          </>
        }
      />
      <Card styles={{ body: { paddingBottom: 8 } }}>
        <div className="fz-toolbar">
          <Input.Search
            placeholder="按单位名称、简称或别名搜索"
            allowClear
            enterButton="查询"
            style={{ width: 340 }}
            aria-label="搜索单位"
            onSearch={(v) => setQ(v.trim())}
          />
          <Select placeholder="全部类别" allowClear style={{ width: 140 }} options={KIND_OPTIONS} value={kind} onChange={setKind} aria-label="单位类别" />
          <Select<ActiveFilter>
            style={{ width: 120 }}
            value={active}
            onChange={setActive}
            aria-label="状态"
            options={[
              { value: 'true', label: '在用' },
              { value: 'false', label: '已停用' },
              { value: 'all', label: '全部状态' },
            ]}
          />
          <span style={{ color: '#8c8c8c' }}>共 {items.length} 个单位</span>
          <Segmented
            style={{ marginLeft: 'auto' }}
            value={view}
            onChange={(v) => setView(v as 'table' | 'tree')}
            options={[
              { value: 'table', label: '表格', icon: <TableOutlined /> },
              { value: 'tree', label: '树形', icon: <ApartmentOutlined /> },
            ]}
          />
        </div>
        {units.error && <Typography.Text type="danger">{errorMessage(units.error)}</Typography.Text>}
        {view === 'table' ? (
          <Table<Unit>
            rowKey="id"
            size="middle"
            bordered
            loading={units.isFetching}
            columns={columns}
            dataSource={items}
            pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 条`, hideOnSinglePage: false }}
            scroll={{ x: 1100 }}
          />
        ) : (
          <Row gutter={16}>
            <Col span={10}>
              <Card size="small" title={`单位层级（${regionName}）`} styles={{ body: { maxHeight: 620, overflow: 'auto' } }}>
                {tree.length ? (
                  <Tree<TreeItem>
                    treeData={tree}
                    defaultExpandAll
                    blockNode
                    showLine
                    selectedKeys={selected ? [selected] : []}
                    onSelect={(keys) => setSelected((keys[0] as string | undefined) ?? null)}
                    titleRender={(n) => (
                      <span>
                        <span className="fz-verbatim">{n.unit.name}</span> <KindTag kind={n.unit.kind} />
                        {!n.unit.active && <UnitStatus unit={n.unit} />}
                      </span>
                    )}
                  />
                ) : (
                  <Empty description="没有符合条件的单位" />
                )}
              </Card>
            </Col>
            <Col span={14}>
              {selectedUnit ? (
                <UnitDetails unit={selectedUnit} canWrite={canWrite} onEdit={() => setEditing({ unit: selectedUnit })} />
              ) : (
                <Card size="small"><Empty description="在左侧选择一个单位查看详情" /></Card>
              )}
            </Col>
          </Row>
        )}
      </Card>
      {canWrite && (
        <>
          <UnitDrawer open={!!editing} unit={editing?.unit ?? null} regionId={regionId} onClose={() => setEditing(null)} />
          <MergeModal key={merging?.sourceId ?? 'none'} open={!!merging} initialSourceId={merging?.sourceId} regionId={regionId} onClose={() => setMerging(null)} />
          <ImportModal open={importing} regionId={regionId} regionName={regionName} onClose={() => setImporting(false)} />
        </>
      )}
    </>
  );
}
