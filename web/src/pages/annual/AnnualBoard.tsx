import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Alert, App, Button, Card, Col, Form, Input, Progress, Row, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { BoardRow } from '@shared/api/annual-reports.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { useAnnualBoard, useAnnualSettings, useSaveAnnualSettings } from '../../api/annual-reports.ts';
import { errorMessage } from '../../api/client.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';
import { canDecide } from '../../lib/perm.ts';
import { AnnualStateTag, DeadlineTag } from './common.tsx';

/** The office's deadlines: 报送 and 公开 (MM-DD of the next year) and the reminder days. */
function SettingsCard() {
  const me = useCurrentUser();
  const s = useAnnualSettings(me.currentRegionId);
  const save = useSaveAnnualSettings(me.currentRegionId);
  const [form] = Form.useForm<{ submitDue: string; publishDue: string; remindDays: string }>();
  const { message } = App.useApp();
  useEffect(() => {
    if (s.data) form.setFieldsValue({ submitDue: s.data.submitDue, publishDue: s.data.publishDue, remindDays: s.data.remindDays.join('、') });
  }, [s.data, form]);
  const submit = async () => {
    const v = await form.validateFields();
    save.mutate(
      { version: s.data!.version, submitDue: v.submitDue, publishDue: v.publishDue, remindDays: v.remindDays.split(/[、，,\s]+/).filter(Boolean).map(Number) },
      { onSuccess: () => void message.success('已保存'), onError: (e) => void message.error(errorMessage(e)) },
    );
  };
  return (
    <Card title="时限与提醒" size="small">
      <Form form={form} layout="inline" onFinish={() => void submit()}>
        <Form.Item name="submitDue" label="报送时限（次年）" rules={[{ pattern: /^\d{2}-\d{2}$/, message: '格式为 MM-DD' }]}>
          <Input style={{ width: 90 }} aria-label="报送时限" />
        </Form.Item>
        <Form.Item name="publishDue" label="公开时限（次年）" rules={[{ pattern: /^\d{2}-\d{2}$/, message: '格式为 MM-DD' }]}>
          <Input style={{ width: 90 }} aria-label="公开时限" />
        </Form.Item>
        <Form.Item name="remindDays" label="提前提醒（天）">
          <Input style={{ width: 140 }} aria-label="提前提醒天数" />
        </Form.Item>
        <Button htmlType="submit" loading={save.isPending} disabled={!s.data}>保存</Button>
      </Form>
      <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>默认 3月1日前报送县委、县人大常委会和上级政府，4月1日前公开；到提醒日和逾期次日，平台向未完成的单位联络员和依法治办发送消息。</Typography.Paragraph>
    </Card>
  );
}

export default function AnnualBoardPage() {
  const me = useCurrentUser();
  const [year, setYear] = useState(dayjs().year() - 1);
  const q = useAnnualBoard(me.currentRegionId, year);
  const b = q.data;
  return (
    <>
      <PageHeader title="年度报告跟踪" extra={<Select aria-label="年度" value={year} onChange={setYear} style={{ width: 130 }} options={Array.from({ length: 6 }, (_, i) => dayjs().year() - i).map((y) => ({ value: y, label: `${y}年度` }))} />} />
      {q.error && <Alert type="error" showIcon title={errorMessage(q.error)} style={{ marginBottom: 12 }} />}
      <Row gutter={12} style={{ marginBottom: 12 }}>
        <Col span={6}><Card size="small"><Statistic title="应报告单位（含本级）" value={b?.totals.expected ?? 0} /></Card></Col>
        <Col span={6}><Card size="small"><Statistic title="已起草" value={b?.totals.drafted ?? 0} suffix={`/ ${b?.totals.expected ?? 0}`} /></Card></Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title={`按时报送率（${b?.submitDue ?? ''} 前）`} value={b?.totals.submitRate ?? 0} suffix="%" />
            <Progress percent={b?.totals.submitRate ?? 0} showInfo={false} size="small" />
          </Card>
        </Col>
        <Col span={6}>
          <Card size="small">
            <Statistic title={`按时公开率（${b?.publishDue ?? ''} 前）`} value={b?.totals.publishRate ?? 0} suffix="%" />
            <Progress percent={b?.totals.publishRate ?? 0} showInfo={false} size="small" strokeColor="#52c41a" />
          </Card>
        </Col>
      </Row>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Table<BoardRow>
          rowKey={(r) => r.unitId ?? 'region'}
          size="small"
          loading={q.isFetching}
          dataSource={b?.rows}
          pagination={{ pageSize: 50, hideOnSinglePage: true }}
          columns={[
            { title: '单位', dataIndex: 'unitName', render: (t: string, r) => (r.reportId ? <Link to={`/annual-reports/${r.reportId}`}>{t}</Link> : t) },
            { title: '状态', key: 's', width: 100, render: (_v, r) => <AnnualStateTag state={r.state} label={r.stateLabel} /> },
            { title: '待补充', dataIndex: 'markers', width: 80, render: (n: number, r) => (r.reportId ? (n ? <Tag color="red">{n}</Tag> : '—') : '—') },
            { title: '报送', key: 'sub', width: 200, render: (_v, r) => <Space size={4}><DeadlineTag s={r.submit} />{r.submittedAt && <Typography.Text type="secondary">{fmtTime(r.submittedAt)}</Typography.Text>}</Space> },
            { title: '公开', key: 'pub', width: 200, render: (_v, r) => <Space size={4}><DeadlineTag s={r.publish} />{r.publishedAt && <Typography.Text type="secondary">{fmtTime(r.publishedAt)}</Typography.Text>}</Space> },
          ]}
        />
      </Card>
      {canDecide(me) && <SettingsCard />}
    </>
  );
}
