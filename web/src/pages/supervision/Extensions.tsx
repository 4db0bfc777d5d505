import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert as AntAlert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Radio, Segmented, Space, Table, Typography } from 'antd';
import { AuditOutlined } from '@ant-design/icons';
import type { Extension } from '@shared/api/supervision.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage, isStaleVersion } from '../../api/client.ts';
import { useDecideExtension, useExtensions } from '../../api/supervision.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';
import { canDecide, readsRegion } from '../../lib/perm.ts';
import { cnDate, ExtensionStateTag, UnitSelect } from './common.tsx';

/** Calendar days from one ISO date to another. */
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** A task-level decision form: 同意 / 不同意 with a note (required when refusing). */
function DecideModal({ ext, onClose }: { ext: Extension | null; onClose: () => void }) {
  const [form] = Form.useForm<{ grant: boolean; note: string }>();
  const grant = Form.useWatch('grant', form);
  const decide = useDecideExtension();
  const { message } = App.useApp();
  return (
    <Modal
      open={!!ext}
      title={ext ? `审批延期申请 · 任务 ${ext.taskNumber}` : ''}
      okText="确定"
      cancelText="取消"
      width={640}
      okButtonProps={{ danger: grant === false }}
      confirmLoading={decide.isPending}
      destroyOnHidden
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        decide.mutate(
          { id: ext!.id, version: ext!.version, grant: v.grant, note: (v.note ?? '').trim() },
          {
            onSuccess: (r) => (void message.success(r.state === 'granted' ? `已同意，完成时限调整为${cnDate(r.requestedDue)}` : '已答复不同意延期'), onClose()),
            onError: (e) => void message.error(isStaleVersion(e) ? '该申请已被他人处理，请刷新后再试' : errorMessage(e)),
          },
        );
      }}
    >
      {ext && (
        <Descriptions column={2} size="small" bordered style={{ marginBottom: 12 }} styles={{ label: { width: 90, whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label="任务" span={2}><Link to={`/tasks/${ext.taskId}`}>{ext.taskNumber}</Link> <span className="fz-verbatim">{ext.taskText}</span></Descriptions.Item>
          <Descriptions.Item label="申请单位">{ext.unitName}</Descriptions.Item>
          <Descriptions.Item label="申请人">{ext.requestedByName}</Descriptions.Item>
          <Descriptions.Item label="原完成时限">{cnDate(ext.currentDue)}</Descriptions.Item>
          <Descriptions.Item label="申请延至">{cnDate(ext.requestedDue)}（延长 {daysBetween(ext.currentDue, ext.requestedDue)} 天）</Descriptions.Item>
          <Descriptions.Item label="延期理由" span={2}><span className="fz-verbatim" style={{ whiteSpace: 'pre-wrap' }}>{ext.reason}</span></Descriptions.Item>
        </Descriptions>
      )}
      <Form form={form} layout="vertical" preserve={false} initialValues={{ grant: true, note: '' }}>
        <Form.Item name="grant" label="审批意见" rules={[{ required: true }]}>
          <Radio.Group options={[{ value: true, label: '同意延期' }, { value: false, label: '不同意' }]} optionType="button" buttonStyle="solid" />
        </Form.Item>
        <Form.Item
          name="note"
          label={grant === false ? '不同意的理由' : '说明（可不填）'}
          rules={[{ required: grant === false, whitespace: true, message: '不同意时请写明理由' }]}
        >
          <Input.TextArea aria-label="审批说明" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} showCount placeholder={grant === false ? '如：该任务为年度重点工作，不宜延期，请加快推进' : '如：同意延期，请于新时限前完成并报送佐证材料'} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 延期申请: the office grants or refuses; a liaison sees its own unit's requests (it asks from the task page). */
export default function Extensions() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const office = canDecide(me);
  const state = params.get('state') ?? (office ? 'pending' : '');
  const unitId = readsRegion(me) ? (params.get('unitId') ?? undefined) : undefined;
  const q = useExtensions({ regionId: me.currentRegionId, state: state || undefined }, !!me.currentRegionId);
  const [deciding, setDeciding] = useState<Extension | null>(null);
  const setFilter = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    next.set(k, v ?? '');
    if (!v && k !== 'state') next.delete(k);
    setParams(next, { replace: true });
  };
  const rows = (q.data?.items ?? []).filter((e) => !unitId || e.unitId === unitId);
  return (
    <>
      <PageHeader title="延期申请" />
      <Card size="small">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 10, fontSize: 13 }}>
          责任单位须在任务完成时限之前，在任务页面提出延期申请并写明理由；依法治办同意后，任务状态和提醒按新的时限计算，原时限保留备查。
        </Typography.Paragraph>
        <div className="fz-toolbar">
          <Segmented
            value={state}
            onChange={(v) => setFilter('state', v)}
            options={[{ value: 'pending', label: '待审批' }, { value: 'granted', label: '已同意' }, { value: 'refused', label: '未同意' }, { value: '', label: '全部' }]}
          />
          {readsRegion(me) && <UnitSelect regionId={me.currentRegionId} value={unitId} onChange={(v) => setFilter('unitId', v)} ariaLabel="申请单位筛选" placeholder="全部申请单位" />}
          <Typography.Text type="secondary">共 {rows.length} 件</Typography.Text>
        </div>
        {q.error && <AntAlert type="error" showIcon title={errorMessage(q.error)} style={{ marginBottom: 12 }} />}
        <Table<Extension>
          rowKey="id"
          size="small"
          bordered
          loading={q.isFetching}
          dataSource={rows}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          locale={{ emptyText: <Empty description={state === 'pending' ? '没有待审批的延期申请' : '没有延期申请'} /> }}
          columns={[
            { title: '任务', dataIndex: 'taskNumber', width: 96, render: (n: string, x) => <Link to={`/tasks/${x.taskId}`}>{n}</Link> },
            { title: '任务内容', dataIndex: 'taskText', render: (s: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: s }} style={{ marginBottom: 0 }}>{s}</Typography.Paragraph> },
            { title: '申请单位', dataIndex: 'unitName', width: 170, render: (n: string, x) => <>{n}<div style={{ fontSize: 12, color: '#8c8c8c' }}>{x.requestedByName}</div><div style={{ fontSize: 12, color: '#8c8c8c' }}>{fmtTime(x.createdAt)} 申请</div></> },
            { title: '原时限', dataIndex: 'currentDue', width: 100 },
            { title: '申请延至', dataIndex: 'requestedDue', width: 110, render: (s: string, x) => <>{s}<div style={{ fontSize: 12, color: '#8c8c8c' }}>延长 {daysBetween(x.currentDue, s)} 天</div></> },
            { title: '延期理由', dataIndex: 'reason', width: 200, render: (s: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: s }} style={{ marginBottom: 0 }}>{s}</Typography.Paragraph> },
            { title: '状态', key: 's', width: 80, render: (_v, x) => <ExtensionStateTag state={x.state} label={x.stateLabel} /> },
            {
              title: '审批意见',
              key: 'd',
              width: 190,
              render: (_v, x) =>
                x.state === 'pending' ? (
                  office ? (
                    <Button size="small" type="primary" icon={<AuditOutlined />} onClick={() => setDeciding(x)} aria-label={`审批 ${x.taskNumber} ${x.unitName}`}>审批</Button>
                  ) : (
                    <Typography.Text type="secondary">等待依法治办审批</Typography.Text>
                  )
                ) : (
                  <Space orientation="vertical" size={0}>
                    <span>{x.decisionNote || (x.state === 'granted' ? '同意延期' : '—')}</span>
                    <span style={{ fontSize: 12, color: '#8c8c8c' }}>{x.decidedByName} · {fmtTime(x.decidedAt)}</span>
                  </Space>
                ),
            },
          ]}
        />
      </Card>
      <DecideModal ext={deciding} onClose={() => setDeciding(null)} />
    </>
  );
}
