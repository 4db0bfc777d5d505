import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Segmented, Select, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { IssueNoticeRequest, type Notice } from '@shared/api/supervision.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { usePlan, usePlans } from '../../api/plans.ts';
import { useIssueNotice, useNotices } from '../../api/supervision.ts';
import { useUnits } from '../../api/units.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { applyErrors, zodRule } from '../../lib/forms.ts';
import { canSupervise } from '../../lib/perm.ts';
import { daysFromToday, NoticeStateTag } from './common.tsx';

type Values = { planId: string; taskIds: string[]; unitId: string; problem: string; requirement: string; replyDue: dayjs.Dayjs };

/** 签发督办单. Opened from the list, or from a task (?taskId=&unitId=&planId= prefill it). */
export function IssueNoticeModal({ open, onClose, prefill }: { open: boolean; onClose: () => void; prefill?: { planId?: string; taskId?: string; unitId?: string } }) {
  const me = useCurrentUser();
  const [form] = Form.useForm<Values>();
  const plans = usePlans(open ? me.currentRegionId : null);
  const planId = Form.useWatch('planId', form);
  const plan = usePlan(open ? planId : null);
  const units = useUnits(open && me.currentRegionId ? { regionId: me.currentRegionId } : null);
  const issue = useIssueNotice();
  const nav = useNavigate();
  const { message } = App.useApp();
  const [loose, setLoose] = useState<string[]>([]);
  useEffect(() => {
    if (!open) return;
    const first = prefill?.planId ?? plans.data?.[0]?.id;
    if (first && !form.getFieldValue('planId')) form.setFieldsValue({ planId: first, taskIds: prefill?.taskId ? [prefill.taskId] : [], unitId: prefill?.unitId });
  }, [open, plans.data, prefill, form]);
  const tasks = plan.data?.tasks ?? [];
  const onTasks = (ids: string[]) => {
    if (form.getFieldValue('unitId') || !ids.length) return;
    const lead = tasks.find((t) => t.id === ids[0])?.assignments.find((a) => a.role === 'lead');
    if (lead) form.setFieldValue('unitId', lead.unitId);
  };
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
    <Modal open={open} title="签发督办单" okText="签发" cancelText="取消" width={720} confirmLoading={issue.isPending} onOk={() => void submit()} onCancel={onClose} destroyOnHidden afterClose={() => (form.resetFields(), setLoose([]))}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ replyDue: dayjs(daysFromToday(7)) }}>
        <Form.Item name="planId" label="方案" rules={[{ required: true, message: '请选择方案' }]}>
          <Select aria-label="方案" loading={plans.isLoading} options={(plans.data ?? []).map((p) => ({ value: p.id, label: p.title }))} onChange={() => form.setFieldValue('taskIds', [])} />
        </Form.Item>
        <Form.Item name="taskIds" label="督办事项（任务）" rules={[zodRule(IssueNoticeRequest.shape.taskIds, { required: true })]}>
          <Select
            mode="multiple"
            aria-label="督办任务"
            loading={plan.isLoading}
            placeholder="输入编号或任务内容搜索"
            optionFilterProp="label"
            onChange={onTasks}
            options={tasks.map((t) => ({ value: t.id, label: `${t.path.filter(Boolean).join('.')} ${t.text.slice(0, 60)}` }))}
          />
        </Form.Item>
        <Form.Item name="unitId" label="承办单位" rules={[{ required: true, message: '请选择承办单位' }]}>
          <Select showSearch aria-label="承办单位" optionFilterProp="label" loading={units.isLoading} options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item name="problem" label="存在问题" rules={[zodRule(IssueNoticeRequest.shape.problem, { required: true })]}>
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
  const [state, setState] = useState<string>('');
  const [page, setPage] = useState(1);
  const q = useNotices({ regionId: me.currentRegionId, state: state || undefined, page, pageSize: 20 });
  const issuing = params.get('issue') === '1';
  const prefill = { planId: params.get('planId') ?? undefined, taskId: params.get('taskId') ?? undefined, unitId: params.get('unitId') ?? undefined };
  const close = () => setParams({}, { replace: true });
  return (
    <>
      <PageHeader
        title="督办单"
        extra={canSupervise(me) && <Button type="primary" icon={<PlusOutlined />} onClick={() => setParams({ issue: '1' })}>签发督办单</Button>}
      />
      <Card>
        <Segmented
          style={{ marginBottom: 12 }}
          value={state}
          onChange={(v) => (setState(v), setPage(1))}
          options={[{ value: '', label: '全部' }, { value: 'open', label: '待反馈' }, { value: 'replied', label: '已反馈待审核' }, { value: 'closed', label: '已销号' }]}
        />
        <Table<Notice>
          rowKey="id"
          loading={q.isFetching}
          dataSource={q.data?.items}
          pagination={{ current: page, pageSize: 20, total: q.data?.total, onChange: setPage, hideOnSinglePage: true }}
          columns={[
            { title: '编号', dataIndex: 'number', width: 180, render: (n: string, x) => <Link to={`/supervision/notices/${x.id}`}>{n}</Link> },
            { title: '承办单位', dataIndex: 'unitName', width: 180 },
            { title: '督办事项', key: 't', render: (_v, x) => <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>{x.tasks.map((t) => `${t.number} ${t.text}`).join('；')}</Typography.Paragraph> },
            { title: '签发', key: 'i', width: 120, render: (_v, x) => <>{x.issuerName}<br /><Typography.Text type="secondary">{x.createdAt.slice(0, 10)}</Typography.Text></> },
            { title: '反馈期限', dataIndex: 'replyDue', width: 110 },
            { title: '状态', key: 's', width: 190, render: (_v, x) => <NoticeStateTag state={x.state} label={x.stateLabel} overdue={x.overdue} /> },
          ]}
        />
      </Card>
      {canSupervise(me) && <IssueNoticeModal open={issuing} onClose={close} prefill={prefill} />}
    </>
  );
}
