import { useState } from 'react';
import { Link } from 'react-router';
import { App, Button, Card, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Row, Select, Table, Tooltip, Typography } from 'antd';
import { BellOutlined, ClockCircleOutlined, FileAddOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import type { PlanTaskView } from '@shared/api/plans.ts';
import { ChaseRequest, RequestExtensionRequest } from '@shared/api/supervision.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { useChase, useChases, useExtensions, useNotices, useRequestExtension, useUnitTasks, type ChaseT } from '../../api/supervision.ts';
import { applyErrors, zodRule } from '../../lib/forms.ts';
import { fmtTime } from '../../lib/format.ts';
import { canSupervise } from '../../lib/perm.ts';
import { cnDate, daysFromToday, ExtensionStateTag, NoticeStateTag } from './common.tsx';

function ChaseModal({ task, open, onClose }: { task: PlanTaskView; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ unitId: string; message: string }>();
  const chase = useChase();
  const { message } = App.useApp();
  const lead = task.assignments.find((a) => a.role === 'lead') ?? task.assignments[0];
  return (
    <Modal
      open={open}
      title={`催办 · 任务 ${task.path.filter(Boolean).join('.')}`}
      okText="发送催办"
      cancelText="取消"
      confirmLoading={chase.isPending}
      destroyOnHidden
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        chase.mutate(
          { taskId: task.id, unitId: v.unitId, message: v.message.trim() },
          { onSuccess: (c) => (void message.success(`已向${c.unitName}发送催办`), onClose()), onError: (e) => void (applyErrors(form, e, ['unitId', 'message']).length && message.error(errorMessage(e))) },
        );
      }}
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ unitId: lead?.unitId, message: `请抓紧推进任务${task.path.filter(Boolean).join('.')}，按时报送进展情况和佐证材料。` }}>
        <Form.Item name="unitId" label="催办单位" rules={[{ required: true, message: '请选择催办单位' }]}>
          <Select aria-label="催办单位" options={task.assignments.map((a) => ({ value: a.unitId, label: `${a.unitName}（${a.role === 'lead' ? '牵头' : '配合'}）` }))} />
        </Form.Item>
        <Form.Item name="message" label="催办内容" rules={[zodRule(ChaseRequest.shape.message, { required: true })]}>
          <Input.TextArea aria-label="催办内容" autoSize={{ minRows: 3, maxRows: 6 }} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ExtensionModal({ task, unitId, due, open, onClose }: { task: PlanTaskView; unitId: string; due: string; open: boolean; onClose: () => void }) {
  const [form] = Form.useForm<{ requestedDue: dayjs.Dayjs; reason: string }>();
  const req = useRequestExtension();
  const { message } = App.useApp();
  return (
    <Modal
      open={open}
      title={`申请延期 · 任务 ${task.path.filter(Boolean).join('.')}`}
      okText="提交申请"
      cancelText="取消"
      width={600}
      confirmLoading={req.isPending}
      destroyOnHidden
      onCancel={onClose}
      onOk={async () => {
        const v = await form.validateFields();
        req.mutate(
          { taskId: task.id, unitId, requestedDue: v.requestedDue.format('YYYY-MM-DD'), reason: v.reason.trim() },
          {
            onSuccess: () => (void message.success('延期申请已提交，等待依法治办审批'), onClose()),
            onError: (e) => {
              const loose = applyErrors(form, e, ['requestedDue', 'reason']);
              if (loose.length) void message.error(loose.join('；'));
            },
          },
        );
      }}
    >
      <Descriptions column={1} size="small" bordered style={{ marginBottom: 12 }} styles={{ label: { width: 110 } }}>
        <Descriptions.Item label="现完成时限">{cnDate(due)}</Descriptions.Item>
      </Descriptions>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="requestedDue" label="申请延至" rules={[{ required: true, message: '请选择延期后的完成时限' }]} extra="应晚于现完成时限；依法治办同意后按新时限计算任务状态和提醒">
          <DatePicker aria-label="申请延至" disabledDate={(d) => !d.isAfter(dayjs(due), 'day')} defaultPickerValue={dayjs(due).add(1, 'month')} />
        </Form.Item>
        <Form.Item name="reason" label="延期理由" rules={[zodRule(RequestExtensionRequest.shape.reason, { required: true })]}>
          <Input.TextArea aria-label="延期理由" autoSize={{ minRows: 4, maxRows: 10 }} maxLength={2000} showCount placeholder="写明不能按期完成的客观原因、目前进展和保证按新时限完成的措施" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The task page's 督办 card: 催办 and 签发督办单 for the office and leaders, 申请延期 for an owner unit's liaison, and the history of both. */
export function TaskSupervision({ task }: { task: PlanTaskView }) {
  const me = useCurrentUser();
  const supervise = canSupervise(me);
  const myUnit = me.role === 'liaison' ? me.unit?.id : undefined;
  const owner = !!myUnit && task.assignments.some((a) => a.unitId === myUnit);
  const chases = useChases(task.id);
  const exts = useExtensions({ taskId: task.id });
  const notices = useNotices({ regionId: me.currentRegionId, taskId: task.id, page: 1, pageSize: 50 });
  const noticeRows = notices.data?.items ?? [];
  const mine = useUnitTasks(owner ? myUnit : null);
  const [chasing, setChasing] = useState(false);
  const [extending, setExtending] = useState(false);
  const due = mine.data?.find((t) => t.taskId === task.id)?.due ?? null;
  const today = daysFromToday(0);
  const pending = exts.data?.items.some((e) => e.state === 'pending');
  const why = !due
    ? '此任务没有明确的完成时限，无需申请延期'
    : task.status === '已完成'
      ? '此任务已完成'
      : today > due
        ? `已超过完成时限（${cnDate(due)}），不能再申请延期`
        : pending
          ? '已有待审批的延期申请'
          : null;
  const chaseRows = chases.data?.items ?? [];
  const extRows = exts.data?.items ?? [];
  const lead = task.assignments.find((a) => a.role === 'lead') ?? task.assignments[0];
  if (!supervise && !owner && !chaseRows.length && !extRows.length && !noticeRows.length) return null;
  return (
    <Card
      size="small"
      title="督办"
      style={{ marginBottom: 12 }}
      extra={
        <div style={{ display: 'flex', gap: 8 }}>
          {supervise && task.assignments.length > 0 && <Button size="small" icon={<BellOutlined />} onClick={() => setChasing(true)}>催办</Button>}
          {supervise && lead && (
            <Link to={`/supervision/notices?${new URLSearchParams({ issue: '1', unitId: lead.unitId, taskId: task.id }).toString()}`}>
              <Button size="small" icon={<FileAddOutlined />}>签发督办单</Button>
            </Link>
          )}
          {owner && (
            <Tooltip title={mine.isPending ? '' : why}>
              <Button size="small" type="primary" icon={<ClockCircleOutlined />} disabled={mine.isPending || !!why} onClick={() => setExtending(true)}>申请延期</Button>
            </Tooltip>
          )}
        </div>
      }
    >
      {noticeRows.length > 0 && (
        <div style={{ marginBottom: 12 }}>
          <Typography.Text strong>督办单（{noticeRows.length}）</Typography.Text>
          <Table
            rowKey="id"
            size="small"
            style={{ marginTop: 6 }}
            dataSource={noticeRows}
            pagination={{ pageSize: 5, hideOnSinglePage: true }}
            columns={[
              { title: '编号', dataIndex: 'number', width: 170, render: (s: string, n) => <Link to={`/supervision/notices/${n.id}`}>{s}</Link> },
              { title: '承办单位', dataIndex: 'unitName', width: 200 },
              { title: '存在问题', dataIndex: 'problem', render: (s: string) => <Typography.Paragraph ellipsis={{ rows: 1, tooltip: s }} style={{ marginBottom: 0 }}>{s}</Typography.Paragraph> },
              { title: '反馈期限', dataIndex: 'replyDue', width: 130, render: (d: string) => cnDate(d) },
              { title: '状态', key: 's', width: 120, render: (_v, n) => <NoticeStateTag state={n.state} label={n.stateLabel} overdue={n.overdue} escalated={!!n.escalatedAt} /> },
            ]}
          />
        </div>
      )}
      <Row gutter={12}>
        <Col xs={24} xl={10}>
          <Typography.Text strong>催办记录（{chaseRows.length}）</Typography.Text>
          <Table<ChaseT>
            rowKey="id"
            size="small"
            style={{ marginTop: 6 }}
            dataSource={chaseRows}
            loading={chases.isPending}
            pagination={{ pageSize: 5, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无催办" /> }}
            columns={[
              { title: '时间', dataIndex: 'createdAt', width: 130, render: (s: string) => fmtTime(s) },
              { title: '催办单位', dataIndex: 'unitName', width: 140 },
              { title: '内容', dataIndex: 'message', render: (s: string, c) => <>{s}<div style={{ fontSize: 12, color: '#8c8c8c' }}>{c.createdByName}</div></> },
            ]}
          />
        </Col>
        <Col xs={24} xl={14}>
          <Typography.Text strong>延期申请（{extRows.length}）</Typography.Text>
          <Table
            rowKey="id"
            size="small"
            style={{ marginTop: 6 }}
            dataSource={extRows}
            loading={exts.isPending}
            pagination={{ pageSize: 5, hideOnSinglePage: true }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无延期申请" /> }}
            columns={[
              { title: '申请', dataIndex: 'createdAt', width: 130, render: (s: string, x) => <>{fmtTime(s)}<div style={{ fontSize: 12, color: '#8c8c8c' }}>{x.unitName}</div></> },
              { title: '时限', key: 'd', width: 120, render: (_v, x) => <>{x.currentDue}<div>→ {x.requestedDue}</div></> },
              { title: '理由', dataIndex: 'reason', render: (s: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: s }} style={{ marginBottom: 0 }}>{s}</Typography.Paragraph> },
              {
                title: '审批',
                key: 's',
                width: 170,
                render: (_v, x) => (
                  <>
                    <ExtensionStateTag state={x.state} label={x.stateLabel} />
                    {x.decisionNote && <div style={{ fontSize: 12 }}>{x.decisionNote}</div>}
                    {x.decidedByName && <div style={{ fontSize: 12, color: '#8c8c8c' }}>{x.decidedByName} · {fmtTime(x.decidedAt)}</div>}
                  </>
                ),
              },
            ]}
          />
        </Col>
      </Row>
      {supervise && <ChaseModal task={task} open={chasing} onClose={() => setChasing(false)} />}
      {owner && due && <ExtensionModal task={task} unitId={myUnit!} due={due} open={extending} onClose={() => setExtending(false)} />}
    </Card>
  );
}
