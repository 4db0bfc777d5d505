import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Empty, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { IssueNoticeRequest, type Notice, type UnitTask } from '@shared/api/supervision.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { useIssueNotice, useNotices, useUnitTasks } from '../../api/supervision.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { applyErrors, zodRule } from '../../lib/forms.ts';
import { canSupervise, readsRegion } from '../../lib/perm.ts';
import { ExportButton } from '../dashboard/ExportButton.tsx';
import { daysFromToday, NoticeStateTag, TaskStatusTag, UnitSelect, yearOptions } from './common.tsx';

type Values = { unitId: string; taskIds: string[]; problem: string; requirement: string; replyDue: dayjs.Dayjs };

type TaskOption = { value: string; label: string; title: string; task: UnitTask };
type TaskGroup = { label: string; title: string; options: TaskOption[] };
const taskOptions = (tasks: UnitTask[]): (TaskOption | TaskGroup)[] => {
  const plans = [...new Map(tasks.map((t) => [t.planId, t.planTitle])).entries()];
  const one = (t: UnitTask): TaskOption => ({
    value: t.taskId,
    label: `${t.number} ${t.text}`,
    title: t.text,
    task: t,
  });
  return plans.length === 1 ? tasks.map(one) : plans.map(([id, title]) => ({ label: title, title, options: tasks.filter((t) => t.planId === id).map(one) }));
};

/** 签发督办单: the unit first, then the tasks it owns (late ones first), the problem, the requirement and the reply date. */
export function IssueNoticeModal({ open, onClose, prefill }: { open: boolean; onClose: () => void; prefill?: { taskId?: string; unitId?: string } }) {
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const unitId = Form.useWatch('unitId', form);
  const picked = Form.useWatch('taskIds', form);
  const unitTasks = useUnitTasks(open ? unitId : null);
  const issue = useIssueNotice();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [loose, setLoose] = useState<string[]>([]);
  useEffect(() => {
    if (open && prefill?.unitId) form.setFieldsValue({ unitId: prefill.unitId, taskIds: prefill.taskId ? [prefill.taskId] : [] });
  }, [open, prefill?.unitId, prefill?.taskId, form]);
  const rank: Record<string, number> = { 逾期: 0, 滞后: 1 };
  const tasks = [...(unitTasks.data ?? [])].sort((a, b) => (rank[a.status] ?? 2) - (rank[b.status] ?? 2));
  const chosen = tasks.filter((t) => picked?.includes(t.taskId));
  const fillProblem = () =>
    form.setFieldValue(
      'problem',
      chosen.map((t) => `任务${t.number}：${t.reason}。`).join('\n'),
    );
  const submit = async () => {
    const v = await form.validateFields();
    setLoose([]);
    issue.mutate(
      { unitId: v.unitId, taskIds: v.taskIds, problem: v.problem, requirement: v.requirement, replyDue: v.replyDue.format('YYYY-MM-DD') },
      {
        onSuccess: (n) => {
          void message.success(`已签发督办单 ${n.number}`);
          onClose();
          void nav(`/supervision/notices/${n.id}`);
        },
        onError: (e) => setLoose(applyErrors(form, e, ['unitId', 'taskIds', 'problem', 'requirement', 'replyDue'])),
      },
    );
  };
  return (
    <Modal open={open} title="签发督办单" okText="签发" cancelText="取消" width={760} confirmLoading={issue.isPending} onOk={() => void submit()} onCancel={onClose} destroyOnHidden afterClose={() => (form.resetFields(), setLoose([]))}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ replyDue: dayjs(daysFromToday(7)), unitId: prefill?.unitId, taskIds: prefill?.taskId ? [prefill.taskId] : [] }}>
        <Form.Item name="unitId" label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]}>
          <UnitSelect regionId={me.currentRegionId} placeholder="输入单位名称搜索" width={420} allowClear={false} ariaLabel="承办单位" onChange={(v) => (form.setFieldsValue({ unitId: v, taskIds: [] }))} />
        </Form.Item>
        <Form.Item
          name="taskIds"
          label="督办事项（该单位承担的任务）"
          rules={[zodRule(IssueNoticeRequest.shape.taskIds, { required: true })]}
          extra={unitId && unitTasks.data && !unitTasks.data.length ? <Typography.Text type="warning">该单位没有承担任务，请先在方案中分配任务</Typography.Text> : undefined}
        >
          <Select
            mode="multiple"
            aria-label="督办任务"
            disabled={!unitId}
            loading={unitTasks.isLoading}
            placeholder={unitId ? '输入编号或任务内容搜索，逾期、滞后的任务排在前面' : '请先选择承办单位'}
            showSearch={{ optionFilterProp: 'label' }}
            options={taskOptions(tasks)}
            optionRender={(o) => {
              const t = (o.data as { task?: UnitTask }).task;
              if (!t) return o.label;
              return (
                <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start', whiteSpace: 'normal' }}>
                  <span style={{ flex: 'none', minWidth: 64, fontWeight: 600 }}>{t.number}</span>
                  <span style={{ flex: 1, lineHeight: 1.5 }}>{t.text.length > 90 ? `${t.text.slice(0, 90)}…` : t.text}</span>
                  <span style={{ flex: 'none' }}>
                    <TaskStatusTag status={t.status} />
                    {t.role === 'co' && <Tag>配合</Tag>}
                  </span>
                </div>
              );
            }}
            labelRender={(o) => {
              const t = tasks.find((x) => x.taskId === o.value);
              return t ? `${t.number} ${t.text.slice(0, 16)}…` : o.label;
            }}
          />
        </Form.Item>
        {chosen.length > 0 && (
          <div style={{ margin: '-8px 0 12px', fontSize: 12, color: '#595959' }}>
            {chosen.map((t) => (
              <div key={t.taskId}>
                <TaskStatusTag status={t.status} /> {t.number}：{t.reason}
              </div>
            ))}
          </div>
        )}
        <Form.Item
          name="problem"
          label={
            <Space>
              存在问题
              {chosen.length > 0 && <Button size="small" type="link" style={{ padding: 0 }} onClick={fillProblem}>按任务状态填写</Button>}
            </Space>
          }
          rules={[zodRule(IssueNoticeRequest.shape.problem, { required: true })]}
        >
          <Input.TextArea aria-label="存在问题" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={3000} showCount placeholder="如：第三季度进展未按期报送，案卷评查工作滞后于序时进度" />
        </Form.Item>
        <Form.Item name="requirement" label="督办要求" rules={[zodRule(IssueNoticeRequest.shape.requirement, { required: true })]}>
          <Input.TextArea aria-label="督办要求" autoSize={{ minRows: 3, maxRows: 8 }} maxLength={3000} showCount placeholder="如：说明滞后原因，制定整改措施，明确完成时间" />
        </Form.Item>
        <Form.Item name="replyDue" label="反馈期限" rules={[{ required: true, message: '请选择反馈期限' }]}>
          <DatePicker aria-label="反馈期限" disabledDate={(d) => d.isBefore(dayjs().startOf('day'))} />
        </Form.Item>
      </Form>
      {loose.map((m) => <Alert key={m} type="error" showIcon title={m} />)}
    </Modal>
  );
}

export default function Notices() {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const state = params.get('state') ?? '';
  const unitId = params.get('unitId') ?? undefined;
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const [page, setPage] = useState(1);
  const region = readsRegion(me);
  const q = useNotices({ regionId: me.currentRegionId, state: state || undefined, unitId: region ? unitId : undefined, year, page, pageSize: 20 });
  const issuing = params.get('issue') === '1';
  const prefill = { taskId: params.get('taskId') ?? undefined, unitId: params.get('unitId') ?? undefined };
  const setFilter = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    for (const x of ['issue', 'taskId']) next.delete(x);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
    setPage(1);
  };
  const close = () => {
    const next = new URLSearchParams(params);
    for (const x of ['issue', 'taskId']) next.delete(x);
    if (!region) next.delete('unitId');
    setParams(next, { replace: true });
  };
  return (
    <>
      <PageHeader
        title="督办单"
        extra={
          <>
            <ExportButton request={{ kind: 'notices', filters: { ...(state ? { state } : {}), ...(unitId ? { unitId } : {}), ...(year ? { year } : {}) } }} />
            {canSupervise(me) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setParams({ issue: '1' })}>签发督办单</Button>}
          </>
        }
      />
      <Card size="small">
        <div className="fz-toolbar">
          <Segmented
            value={state}
            onChange={(v) => setFilter('state', v || undefined)}
            options={[{ value: '', label: '全部' }, { value: 'open', label: '待反馈' }, { value: 'replied', label: '已反馈待审核' }, { value: 'closed', label: '已销号' }]}
          />
          {region && <UnitSelect regionId={me.currentRegionId} value={unitId} onChange={(v) => setFilter('unitId', v)} ariaLabel="承办单位筛选" placeholder="全部承办单位" />}
          <Select allowClear aria-label="年度" placeholder="全部年度" style={{ width: 120 }} value={year} onChange={(v: number | undefined) => setFilter('year', v ? String(v) : undefined)} options={yearOptions()} />
          <Typography.Text type="secondary">共 {q.data?.total ?? 0} 份</Typography.Text>
        </div>
        <Table<Notice>
          rowKey="id"
          size="small"
          bordered
          loading={q.isFetching}
          dataSource={q.data?.items}
          locale={{ emptyText: <Empty description={me.role === 'liaison' ? '本单位没有督办单' : '没有符合条件的督办单'} /> }}
          pagination={{ current: page, pageSize: 20, total: q.data?.total, onChange: setPage, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            { title: '编号', dataIndex: 'number', width: 150, render: (n: string, x) => <Link to={`/supervision/notices/${x.id}`} style={{ whiteSpace: 'nowrap' }}>{n}</Link> },
            ...(region ? [{ title: '承办单位', dataIndex: 'unitName', width: 160 }] : []),
            { title: '督办事项', key: 't', render: (_v, x) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: x.tasks.map((t) => `${t.number} ${t.text}`).join('\n') }} style={{ marginBottom: 0 }}>{x.tasks.map((t) => `${t.number} ${t.text}`).join('；')}</Typography.Paragraph> },
            { title: '存在问题', dataIndex: 'problem', width: 220, render: (s: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: s }} style={{ marginBottom: 0 }}>{s}</Typography.Paragraph> },
            { title: '签发', key: 'i', width: 120, render: (_v, x) => <>{x.issuerName}<div style={{ fontSize: 12, color: '#8c8c8c' }}>{x.createdAt.slice(0, 10)}</div></> },
            { title: '反馈期限', dataIndex: 'replyDue', width: 100 },
            { title: '状态', key: 's', width: 140, render: (_v, x) => <NoticeStateTag state={x.state} label={x.stateLabel} overdue={x.overdue} escalated={!!x.escalatedAt} /> },
          ]}
        />
      </Card>
      {canSupervise(me) && <IssueNoticeModal open={issuing} onClose={close} prefill={prefill} />}
    </>
  );
}
