import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Descriptions, Drawer, Empty, Form, Input, Modal, Result, Segmented, Space, Spin, Table, Typography, type TableColumnsType } from 'antd';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { errorMessage, isStaleVersion } from '../../api/client.ts';
import { useBulkAccept, useReportAction, useReportHistory, useReviewQueue, type ReviewItemT } from '../../api/reports.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';
import { canReview } from '../../lib/perm.ts';
import { ExportButton } from '../dashboard/ExportButton.tsx';
import { completionText, EvidenceLink, HistoryPanel, NarrativeView, StateTag } from './common.tsx';

type QState = 'submitted' | 'returned' | 'accepted';

function ReviewDrawer({ item, onClose }: { item: ReviewItemT | null; onClose: () => void }) {
  const h = useReportHistory(item?.reportId);
  const act = useReportAction();
  const { message } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [form] = Form.useForm<{ reason: string }>();
  const r = h.data?.report;
  const fail = (e: unknown) => void message.error(isStaleVersion(e) ? '该报送已被修改，请刷新后再审核' : errorMessage(e));
  const accept = () =>
    r?.id &&
    act.mutate(
      { id: r.id, action: 'accept', version: r.version },
      { onSuccess: () => (void message.success('已通过'), onClose()), onError: fail },
    );
  return (
    <Drawer
      open={!!item}
      onClose={onClose}
      size={760}
      destroyOnHidden
      title={item ? `审核 · 任务 ${item.number} · ${item.unitName}` : ''}
      extra={
        r?.can.review && (
          <Space>
            <Button danger icon={<RollbackOutlined />} onClick={() => setReturning(true)}>退回</Button>
            <Button type="primary" icon={<CheckOutlined />} loading={act.isPending && !returning} onClick={accept}>通过</Button>
          </Space>
        )
      }
    >
      {h.isPending ? (
        <Spin />
      ) : h.error ? (
        <Alert type="error" title={errorMessage(h.error)} />
      ) : r ? (
        <>
          <Descriptions column={2} size="small" bordered style={{ marginBottom: 12 }} styles={{ label: { width: 90, whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="任务" span={2}>
              <Link to={`/tasks/${r.taskId}`}>{item?.number}</Link> <span className="fz-verbatim">{item?.text}</span>
            </Descriptions.Item>
            <Descriptions.Item label="报送单位">{r.unitName}（{r.role === 'lead' ? '牵头' : '配合'}）</Descriptions.Item>
            <Descriptions.Item label="周期">{r.periodLabel}</Descriptions.Item>
            <Descriptions.Item label="状态"><StateTag state={r.state} label={r.stateLabel} /></Descriptions.Item>
            <Descriptions.Item label="完成情况">{completionText(r.completion, r.percent)}</Descriptions.Item>
            <Descriptions.Item label="提交时间">{fmtTime(r.submittedAt)}</Descriptions.Item>
            <Descriptions.Item label="审核时间">{fmtTime(r.reviewedAt)}</Descriptions.Item>
            {r.returnReason && <Descriptions.Item label="退回原因" span={2}><Typography.Text type="danger">{r.returnReason}</Typography.Text></Descriptions.Item>}
          </Descriptions>
          <Card size="small" title="进展情况" style={{ marginBottom: 12 }}>
            <NarrativeView text={r.narrative} />
          </Card>
          <Card size="small" title={`佐证材料（${r.evidence.length}）`} style={{ marginBottom: 12 }}>
            {r.evidence.length ? (
              <ul className="fz-ev-list">{r.evidence.map((e) => <li key={e.uploadId}><EvidenceLink e={e} /></li>)}</ul>
            ) : (
              <span style={{ color: '#bfbfbf' }}>未上传佐证材料</span>
            )}
          </Card>
          <Card size="small">
            <HistoryPanel reportId={r.id!} />
          </Card>
        </>
      ) : null}
      <Modal
        open={returning}
        title="退回报送"
        okText="退回"
        okButtonProps={{ danger: true }}
        cancelText="取消"
        confirmLoading={act.isPending}
        destroyOnHidden
        onCancel={() => setReturning(false)}
        onOk={async () => {
          const v = await form.validateFields();
          if (!r?.id) return;
          act.mutate(
            { id: r.id, action: 'return', version: r.version, reason: v.reason.trim() },
            {
              onSuccess: () => {
                void message.success('已退回');
                setReturning(false);
                onClose();
              },
              onError: fail,
            },
          );
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, message: '请填写退回原因' }]}>
            <Input.TextArea aria-label="退回原因" autoSize={{ minRows: 3 }} maxLength={1000} showCount placeholder="如：佐证材料不足，请补充会议纪要" />
          </Form.Item>
        </Form>
      </Modal>
    </Drawer>
  );
}

export default function Review() {
  const me = useCurrentUser();
  const [state, setState] = useState<QState>('submitted');
  const q = useReviewQueue(me.currentRegionId, state);
  const [sel, setSel] = useState<string[]>([]);
  const [open, setOpen] = useState<ReviewItemT | null>(null);
  const bulk = useBulkAccept();
  const { message, modal } = App.useApp();
  if (!canReview(me)) return <Card><Result status="403" title="仅依法治办可审核报送" /></Card>;

  const columns: TableColumnsType<ReviewItemT> = [
    { title: '编号', dataIndex: 'number', width: 86, render: (n: string, i) => <Link to={`/tasks/${i.taskId}`} onClick={(e) => e.stopPropagation()}>{n}</Link> },
    { title: '任务内容', dataIndex: 'text', render: (t: string) => <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>{t}</Typography.Paragraph> },
    { title: '报送单位', dataIndex: 'unitName', width: 180 },
    { title: '周期', dataIndex: 'periodLabel', width: 130 },
    { title: '完成情况', key: 'c', width: 150, render: (_v, i) => completionText(i.completion, i.percent) },
    { title: '佐证', dataIndex: 'evidenceCount', width: 64, align: 'right', render: (n: number) => (n ? `${n} 个` : <span style={{ color: '#cf1322' }}>无</span>) },
    { title: '提交时间', dataIndex: 'submittedAt', width: 140, render: (s: string | null) => fmtTime(s) },
    {
      title: '操作',
      key: 'op',
      width: 80,
      render: (_v, i) => (
        <Button size="small" type="link" onClick={(e) => (e.stopPropagation(), setOpen(i))} aria-label={`审核 ${i.number} ${i.unitName}`}>
          {state === 'submitted' ? '审核' : '查看'}
        </Button>
      ),
    },
  ];
  const doBulk = () =>
    modal.confirm({
      title: `批量通过 ${sel.length} 条报送？`,
      content: '请确认已逐条核阅报送内容与佐证材料。',
      okText: '通过',
      cancelText: '取消',
      onOk: () =>
        bulk.mutateAsync(sel).then(
          (r) => {
            void message.success(`已通过 ${r.accepted} 条${r.skipped.length ? `，跳过 ${r.skipped.length} 条（${r.skipped[0]!.reason}）` : ''}`);
            setSel([]);
          },
          (e) => void message.error(errorMessage(e)),
        ),
    });

  return (
    <>
      <PageHeader title="报送审核" extra={me.currentRegionId && <ExportButton request={{ kind: 'review', regionId: me.currentRegionId, filters: { state } }} />} />
      <Card size="small">
        <div className="fz-toolbar">
          <Segmented<QState>
            value={state}
            onChange={(v) => (setState(v), setSel([]))}
            options={[
              { value: 'submitted', label: '待审核' },
              { value: 'returned', label: '已退回' },
              { value: 'accepted', label: '已通过' },
            ]}
          />
          <span style={{ color: '#8c8c8c' }}>共 {q.data?.length ?? 0} 条</span>
          {state === 'submitted' && (
            <Button style={{ marginLeft: 'auto' }} type="primary" icon={<CheckOutlined />} disabled={!sel.length} loading={bulk.isPending} onClick={doBulk}>
              批量通过{sel.length ? `（${sel.length}）` : ''}
            </Button>
          )}
        </div>
        {q.error ? (
          <Alert type="error" title={errorMessage(q.error)} />
        ) : (
          <Table<ReviewItemT>
            rowKey="reportId"
            size="small"
            bordered
            loading={q.isFetching}
            columns={columns}
            dataSource={q.data ?? []}
            rowSelection={state === 'submitted' ? { selectedRowKeys: sel, onChange: (k) => setSel(k as string[]), columnWidth: 36 } : undefined}
            onRow={(i) => ({ onClick: (e) => !(e.target as HTMLElement).closest('.ant-table-selection-column, a, button') && setOpen(i), style: { cursor: 'pointer' } })}
            locale={{ emptyText: <Empty description={state === 'submitted' ? '暂无待审核的报送' : '暂无记录'} /> }}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (t) => `共 ${t} 条` }}
          />
        )}
      </Card>
      <ReviewDrawer item={open} onClose={() => setOpen(null)} />
    </>
  );
}
