import { useEffect } from 'react';
import { Alert, App, Button, Card, Col, Empty, Form, InputNumber, Result, Row, Select, Space, Spin, Switch, Table, Tag, Typography } from 'antd';
import { PlayCircleOutlined, SaveOutlined } from '@ant-design/icons';
import { UpdateSupervisionSettingsRequest } from '@shared/api/supervision.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage, isStaleVersion } from '../../api/client.ts';
import { useRunNow, useRuns, useSaveSupervisionSettings, useSupervisionSettings, type JobRunT } from '../../api/supervision.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { applyErrors, zodRule } from '../../lib/forms.ts';
import { fmtTimeSec } from '../../lib/format.ts';
import { canDecide } from '../../lib/perm.ts';
import { useRegionName } from '../../lib/region.ts';

type Values = { remindDays: number[]; warnOverdueReports: boolean; warnBehindTasks: boolean; escalateAfterDays: number };
const DAY_CHOICES = [1, 2, 3, 5, 7, 10, 14, 15, 20, 30, 45, 60];
const RUN_STATE: Record<JobRunT['state'], { color: string; label: string }> = { running: { color: 'processing', label: '运行中' }, done: { color: 'success', label: '已完成' }, failed: { color: 'error', label: '失败' } };
const num = (s: Record<string, unknown> | null, k: string) => (s && typeof s[k] === 'number' ? (s[k] as number) : 0);
const Count = ({ n, color }: { n: number; color?: string }) => (n ? <b style={{ color }}>{n}</b> : <span style={{ color: '#bfbfbf' }}>0</span>);

/** 督办规则 (remind days, warnings, escalation) and the daily job's runs with what each sent; office only. */
/** The daily jobs that share the run log (one claim per job, day and region). */
const JOB_LABEL: Record<string, string> = { 'supervision.daily': '督办提醒与警示', 'annual.daily': '年度报告提醒', 'inspection.daily': '督察整改升级' };

export default function Settings() {
  const me = useCurrentUser();
  const regionId = me.currentRegionId;
  const regionName = useRegionName();
  const office = canDecide(me);
  const s = useSupervisionSettings(office ? regionId : null);
  const runs = useRuns(office ? regionId : null);
  const save = useSaveSupervisionSettings(regionId);
  const runNow = useRunNow();
  const [form] = Form.useForm<Values>();
  const { message, modal } = App.useApp();
  useEffect(() => {
    if (s.data) form.setFieldsValue({ remindDays: s.data.remindDays, warnOverdueReports: s.data.warnOverdueReports, warnBehindTasks: s.data.warnBehindTasks, escalateAfterDays: s.data.escalateAfterDays });
  }, [s.data, form]);
  if (!office) return <Card><Result status="403" title="仅依法治办可设置督办规则" /></Card>;
  if (s.isPending) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;
  if (s.error) return <Alert type="error" showIcon title={errorMessage(s.error)} />;
  const dayOptions = [...new Set([...DAY_CHOICES, ...s.data.remindDays])].sort((a, b) => b - a).map((d) => ({ value: d, label: `提前 ${d} 天` }));

  const submit = async () => {
    const v = await form.validateFields();
    save.mutate(
      { ...v, version: s.data.saved ? s.data.version : undefined },
      {
        onSuccess: () => void message.success('督办规则已保存，明天起按新规则运行；如需今天生效，可点「立即运行」'),
        onError: (e) => {
          if (isStaleVersion(e)) return void message.error('督办规则已被他人修改，请刷新后再改');
          const loose = applyErrors(form, e, ['remindDays', 'warnOverdueReports', 'warnBehindTasks', 'escalateAfterDays']);
          if (loose.length) void message.error(loose.join('；'));
        },
      },
    );
  };
  const run = () =>
    runNow.mutate(regionId!, {
      onSuccess: (r) => {
        if (!r.ran) return void modal.info({ title: '今天的督办规则已运行过', content: '每个地区每天只运行一次，不会重复发送提醒和警示。修改后的规则将从明天起生效。' });
        if (r.error) return void message.error(`运行失败：${r.error}`);
        void message.success(`已运行：发出提醒 ${num(r.summary, 'reminders')} 条、警示 ${num(r.summary, 'warnings')} 条，升级 ${num(r.summary, 'escalations')} 件`);
      },
      onError: (e) => void message.error(errorMessage(e)),
    });

  return (
    <>
      <PageHeader title="督办规则" extra={<Typography.Text type="secondary">{regionName}</Typography.Text>} />
      <Row gutter={12}>
        <Col xs={24} xl={10}>
          <Card size="small" title="规则设置" style={{ marginBottom: 12 }} extra={s.data.saved ? <Tag color="blue">已设置（第 {s.data.version} 版）</Tag> : <Tag>使用默认规则</Tag>}>
            <Form form={form} layout="vertical" onFinish={() => void submit()} requiredMark={false}>
              <Form.Item
                name="remindDays"
                label="到期前提醒"
                extra="报送截止日、任务完成时限前的这些天，系统向责任单位发出提醒（最多 6 个）"
                rules={[zodRule(UpdateSupervisionSettingsRequest.shape.remindDays, { required: true })]}
              >
                <Select mode="multiple" aria-label="提前提醒天数" options={dayOptions} placeholder="选择提前提醒的天数" />
              </Form.Item>
              <Form.Item name="warnOverdueReports" label="逾期未报送发出警示" valuePropName="checked" extra="报送截止日已过仍未报送（或被退回未重报）的单位，于截止后第一个工作日发出警示">
                <Switch aria-label="逾期未报送发出警示" checkedChildren="开" unCheckedChildren="关" />
              </Form.Item>
              <Form.Item name="warnBehindTasks" label="任务逾期、滞后发出警示" valuePropName="checked" extra="任务超过完成时限未完成，或已审核的进展落后于序时进度超过容差时，向牵头单位发出警示">
                <Switch aria-label="任务逾期、滞后发出警示" checkedChildren="开" unCheckedChildren="关" />
              </Form.Item>
              <Form.Item label="警示升级" required extra="警示发出后超过该工作日数仍未答复、督办单超过反馈期限未反馈的，提请领导督促（按工作日历扣除节假日）">
                <Space>
                  <Form.Item name="escalateAfterDays" noStyle rules={[zodRule(UpdateSupervisionSettingsRequest.shape.escalateAfterDays, { required: true })]}>
                    <InputNumber aria-label="升级工作日数" min={1} max={30} precision={0} style={{ width: 100 }} />
                  </Form.Item>
                  <span>个工作日未处理即升级</span>
                </Space>
              </Form.Item>
              <Button type="primary" htmlType="submit" icon={<SaveOutlined />} loading={save.isPending}>保存规则</Button>
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card
            size="small"
            title="每日运行记录"
            extra={<Button icon={<PlayCircleOutlined />} loading={runNow.isPending} onClick={run}>立即运行</Button>}
          >
            <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>
              系统每天为每个地区运行一次督办规则；服务器停机错过的日期在恢复后按日补运行。「立即运行」只运行今天，已运行过的不再重复。
            </Typography.Paragraph>
            {runs.error && <Alert type="error" showIcon title={errorMessage(runs.error)} />}
            <Table<JobRunT>
              rowKey="id"
              size="small"
              bordered
              loading={runs.isFetching}
              dataSource={runs.data?.items}
              pagination={{ pageSize: 15, hideOnSinglePage: true, showSizeChanger: false }}
              locale={{ emptyText: <Empty description="尚未运行" /> }}
              columns={[
                { title: '运行日期', dataIndex: 'runDate', width: 100 },
                { title: '任务', dataIndex: 'job', width: 110, render: (j: string) => JOB_LABEL[j] ?? j },
                { title: '状态', dataIndex: 'state', width: 76, render: (st: JobRunT['state']) => <Tag color={RUN_STATE[st].color}>{RUN_STATE[st].label}</Tag> },
                { title: '提醒', key: 'r', width: 56, align: 'right', render: (_v, r) => <Count n={num(r.summary, 'reminders')} /> },
                { title: '警示', key: 'w', width: 56, align: 'right', render: (_v, r) => <Count n={num(r.summary, 'warnings')} color="#cf1322" /> },
                { title: '自动解除', key: 'a', width: 76, align: 'right', render: (_v, r) => <Count n={num(r.summary, 'answered')} color="#389e0d" /> },
                { title: '升级', key: 'e', width: 56, align: 'right', render: (_v, r) => <Count n={num(r.summary, 'escalations')} color="#d4380d" /> },
                {
                  title: '说明',
                  key: 'n',
                  render: (_v, r) => {
                    const years = (r.summary?.assumedYears as number[] | undefined) ?? [];
                    return (
                      <>
                        {r.error && <Typography.Text type="danger">{r.error}</Typography.Text>}
                        {years.length > 0 && <div style={{ fontSize: 12, color: '#d46b08' }}>{years.join('、')}年工作日历未导入，按周一至周五计算</div>}
                        <div style={{ fontSize: 12, color: '#8c8c8c' }}>{fmtTimeSec(r.startedAt)} 开始{r.attempts > 1 ? `，第 ${r.attempts} 次尝试` : ''}</div>
                      </>
                    );
                  },
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
