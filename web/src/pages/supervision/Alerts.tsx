import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert as AntAlert, App, Button, Card, Descriptions, Empty, Form, Input, Modal, Segmented, Select, Table, Typography } from 'antd';
import { MessageOutlined } from '@ant-design/icons';
import type { Alert } from '@shared/api/supervision.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { useAlerts, useAnswerAlert } from '../../api/supervision.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';
import { readsRegion } from '../../lib/perm.ts';
import { ExportButton } from '../dashboard/ExportButton.tsx';
import { AlertStateTag, cnDate, RuleTag, UnitSelect, yearOptions } from './common.tsx';

const INTRO = {
  reminder: '报送期限、任务完成时限临近时，系统按督办规则每日自动向责任单位发出提醒，按地区、年度统一编号。',
  warning: '逾期未报送、任务逾期未完成或滞后于序时进度时，系统自动发出警示；责任单位须填写情况说明，超过规定工作日未处理的升级提请领导督促。',
};

/** The 提醒清单 or 警示清单: numbered per region and year; a unit answers a warning with a 情况说明. */
export default function Alerts({ kind }: { kind: 'reminder' | 'warning' }) {
  const me = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const region = readsRegion(me);
  const unitId = region ? (params.get('unitId') ?? undefined) : undefined;
  const status = kind === 'warning' ? (params.get('status') ?? '') : '';
  const year = params.get('year') ? Number(params.get('year')) : undefined;
  const [page, setPage] = useState(1);
  const q = useAlerts({ regionId: me.currentRegionId, kind, unitId, status: status || undefined, year, page, pageSize: 20 });
  const [answering, setAnswering] = useState<Alert | null>(null);
  const answer = useAnswerAlert();
  const [form] = Form.useForm<{ answer: string }>();
  const { message } = App.useApp();
  const setFilter = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
    setPage(1);
  };
  const title = kind === 'reminder' ? '提醒清单' : '警示清单';
  const canAnswer = (a: Alert) => a.kind === 'warning' && !a.answeredAt && me.role === 'liaison' && me.unit?.id === a.unitId;

  return (
    <>
      <PageHeader title={title} extra={<ExportButton request={{ kind: 'alerts', filters: { alertKind: kind, ...(status ? { state: status } : {}), ...(unitId ? { unitId } : {}), ...(year ? { year } : {}) } }} />} />
      <Card size="small">
        <Typography.Paragraph type="secondary" style={{ marginBottom: 10, fontSize: 13 }}>{INTRO[kind]}</Typography.Paragraph>
        <div className="fz-toolbar">
          {kind === 'warning' && (
            <Segmented
              value={status}
              onChange={(v) => setFilter('status', v || undefined)}
              options={[{ value: '', label: '全部' }, { value: 'open', label: '未答复' }, { value: 'answered', label: '已答复' }, { value: 'escalated', label: '已升级' }]}
            />
          )}
          {region && <UnitSelect regionId={me.currentRegionId} value={unitId} onChange={(v) => setFilter('unitId', v)} ariaLabel="责任单位筛选" placeholder="全部责任单位" />}
          <Select allowClear aria-label="年度" placeholder="全部年度" style={{ width: 120 }} value={year} onChange={(v: number | undefined) => setFilter('year', v ? String(v) : undefined)} options={yearOptions()} />
          <Typography.Text type="secondary">共 {q.data?.total ?? 0} 条</Typography.Text>
        </div>
        {q.error && <AntAlert type="error" showIcon title={errorMessage(q.error)} style={{ marginBottom: 12 }} />}
        <Table<Alert>
          rowKey="id"
          size="small"
          bordered
          loading={q.isFetching}
          dataSource={q.data?.items}
          locale={{ emptyText: <Empty description={`没有${kind === 'reminder' ? '提醒' : '警示'}记录`} /> }}
          pagination={{ current: page, pageSize: 20, total: q.data?.total, onChange: setPage, hideOnSinglePage: true, showSizeChanger: false, showTotal: (n) => `共 ${n} 条` }}
          columns={[
            { title: '编号', dataIndex: 'number', width: 150, render: (n: string) => <span style={{ whiteSpace: 'nowrap' }}>{n}</span> },
            { title: '类别', dataIndex: 'ruleLabel', width: 124, render: (l: string, a) => <RuleTag rule={a.rule} label={l} /> },
            ...(region ? [{ title: '责任单位', dataIndex: 'unitName', width: 150 }] : []),
            {
              title: '事项',
              key: 'x',
              render: (_v, a) => (
                <>
                  <div>{a.taskId ? <Link to={`/tasks/${a.taskId}`}>{a.title}</Link> : a.title}</div>
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 2, tooltip: a.detail }} style={{ marginBottom: 0, fontSize: 12 }}>{a.detail}</Typography.Paragraph>
                </>
              ),
            },
            { title: '期限 / 发出', key: 'dt', width: 118, render: (_v, a) => <>{a.dueDate ?? '—'}<div style={{ fontSize: 12, color: '#8c8c8c', whiteSpace: 'nowrap' }}>{a.ruleDate} 发出</div></> },
            ...(kind === 'warning'
              ? [
                  { title: '状态', key: 's', width: 90, render: (_v: unknown, a: Alert) => <AlertStateTag a={a} /> },
                  {
                    title: '情况说明',
                    key: 'ans',
                    width: 210,
                    render: (_v: unknown, a: Alert) =>
                      a.answer ? (
                        <>
                          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: a.answer }} style={{ marginBottom: 0 }} className="fz-verbatim">{a.answer}</Typography.Paragraph>
                          <div style={{ fontSize: 12, color: '#8c8c8c' }}>{fmtTime(a.answeredAt)}</div>
                        </>
                      ) : canAnswer(a) ? (
                        <Button size="small" type="primary" ghost icon={<MessageOutlined />} onClick={() => setAnswering(a)} aria-label={`填写情况说明 ${a.number}`}>填写情况说明</Button>
                      ) : (
                        <Typography.Text type="secondary">—</Typography.Text>
                      ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Modal
        open={!!answering}
        title={`情况说明 · ${answering?.number ?? ''}`}
        okText="提交"
        cancelText="取消"
        width={640}
        confirmLoading={answer.isPending}
        destroyOnHidden
        onCancel={() => setAnswering(null)}
        onOk={async () => {
          const v = await form.validateFields();
          answer.mutate({ id: answering!.id, answer: v.answer.trim() }, { onSuccess: () => (void message.success('已提交情况说明'), setAnswering(null)), onError: (e) => void message.error(errorMessage(e)) });
        }}
      >
        {answering && (
          <Descriptions column={1} size="small" bordered style={{ marginBottom: 12 }} styles={{ label: { width: 90, whiteSpace: 'nowrap' } }}>
            <Descriptions.Item label="警示事项">{answering.title}</Descriptions.Item>
            <Descriptions.Item label="具体情况"><span className="fz-verbatim">{answering.detail}</span></Descriptions.Item>
            <Descriptions.Item label="发出日期">{cnDate(answering.ruleDate)}</Descriptions.Item>
          </Descriptions>
        )}
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="answer" label="情况说明" rules={[{ required: true, whitespace: true, message: '请填写情况说明' }]}>
            <Input.TextArea aria-label="情况说明" autoSize={{ minRows: 4, maxRows: 10 }} maxLength={2000} showCount placeholder="说明未按期报送或任务滞后的原因、已采取的措施和预计完成时间" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
