import { useEffect, useMemo, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert, App, Button, Card, Col, Descriptions, Form, Input, Row, Space, Spin, Table, Tag, Tooltip, Typography } from 'antd';
import { DeleteOutlined, FileWordOutlined, ReloadOutlined, SaveOutlined, SendOutlined } from '@ant-design/icons';
import { CIRCULAR_SECTION_LABEL, UpdateCircularRequest, type Circular, type CircularSectionKey, type CircularUnitRow } from '@shared/api/circulars.ts';
import { circularDocxUrl, useCircular, useDeleteCircular, useIssueCircular, useUpdateCircular } from '../../api/circulars.ts';
import { errorMessage, isStaleVersion } from '../../api/client.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { fmtTime } from '../../lib/format.ts';
import { zodRule } from '../../lib/forms.ts';
import { CircularStateTag } from './Circulars.tsx';

/** The form edits each part as text, one paragraph to a line. */
interface Values {
  title: string;
  addressee: string;
  opening: string;
  closing: string;
  cc: string;
  sections: Record<CircularSectionKey, string>;
}
const joinParas = (ps: string[]) => ps.join('\n');
const splitParas = (t: string | undefined) => (t ?? '').split(/\r?\n/).map((p) => p.trim()).filter(Boolean);
const toValues = (c: Circular): Values => ({
  title: c.title,
  addressee: c.body.addressee,
  opening: joinParas(c.body.opening),
  closing: joinParas(c.body.closing),
  cc: c.body.cc,
  sections: Object.fromEntries(c.body.sections.map((s) => [s.key, joinParas(s.paragraphs)])) as Record<CircularSectionKey, string>,
});

const GROUP_COLOR: Record<CircularSectionKey, string> = { summary: 'default', on_time: 'green', late: 'orange', missing: 'red', returned: 'purple', behind: 'volcano' };
const NUMERAL = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

function UnitTable({ rows }: { rows: CircularUnitRow[] }) {
  const total = rows.reduce((t, r) => ({ due: t.due + r.due, onTime: t.onTime + r.onTime, late: t.late + r.late, missing: t.missing + r.missing, returned: t.returned + r.returned, accepted: t.accepted + r.accepted, behind: t.behind + r.behind, overdue: t.overdue + r.overdue }), { due: 0, onTime: 0, late: 0, missing: 0, returned: 0, accepted: 0, behind: 0, overdue: 0 });
  const n = (v: number, color?: string) => (v && color ? <Typography.Text style={{ color }}>{v}</Typography.Text> : v);
  return (
    <Table<CircularUnitRow>
      rowKey="unitId"
      size="small"
      bordered
      pagination={false}
      dataSource={rows}
      columns={[
        { title: '序号', key: 'i', width: 56, align: 'center', render: (_v, _r, i) => i + 1 },
        { title: '单位', dataIndex: 'unitName' },
        {
          title: '任务进展报送情况（项）',
          children: [
            { title: '应报送', dataIndex: 'due', width: 70, align: 'center' },
            { title: '按时', dataIndex: 'onTime', width: 60, align: 'center' },
            { title: '逾期', dataIndex: 'late', width: 60, align: 'center', render: (v: number) => n(v, '#d46b08') },
            { title: '未报送', dataIndex: 'missing', width: 70, align: 'center', render: (v: number) => n(v, '#cf1322') },
            { title: '退回', dataIndex: 'returned', width: 60, align: 'center', render: (v: number) => n(v, '#531dab') },
            { title: '通过', dataIndex: 'accepted', width: 60, align: 'center' },
          ],
        },
        {
          title: '任务推进（项）',
          children: [
            { title: '滞后', dataIndex: 'behind', width: 60, align: 'center', render: (v: number) => n(v, '#d4380d') },
            { title: '逾期', dataIndex: 'overdue', width: 60, align: 'center', render: (v: number) => n(v, '#cf1322') },
          ],
        },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2} align="center"><b>合计</b></Table.Summary.Cell>
          {[total.due, total.onTime, total.late, total.missing, total.returned, total.accepted, total.behind, total.overdue].map((v, i) => <Table.Summary.Cell key={i} index={i + 2} align="center">{v}</Table.Summary.Cell>)}
        </Table.Summary.Row>
      )}
    />
  );
}

/** The issued text, as it reads in the document. */
function IssuedText({ c }: { c: Circular }) {
  let n = 0;
  const para = (t: string, i: number) => <p key={i} className="fz-verbatim" style={{ textIndent: '2em', margin: '0 0 6px' }}>{t}</p>;
  return (
    <div style={{ fontSize: 15, lineHeight: 1.9 }}>
      <Typography.Title level={4} style={{ textAlign: 'center' }}>{c.title}</Typography.Title>
      <p style={{ margin: '0 0 6px' }}>{c.body.addressee}</p>
      {c.body.opening.map(para)}
      {c.body.sections.filter((s) => s.paragraphs.length).map((s) => (
        <div key={s.key}>
          <p style={{ textIndent: '2em', margin: '0 0 6px', fontWeight: 600 }}>{NUMERAL[n++]}、{s.heading}</p>
          {s.paragraphs.map(para)}
        </div>
      ))}
      {c.body.closing.length > 0 && <p style={{ textIndent: '2em', margin: '0 0 6px', fontWeight: 600 }}>{NUMERAL[n++]}、{c.body.closingHeading}</p>}
      {c.body.closing.map(para)}
      <p style={{ textAlign: 'right', marginTop: 24 }}>{c.issuerOrg}<br />{c.issuedAt ? fmtTime(c.issuedAt).slice(0, 10) : ''}</p>
      {c.body.cc && <Typography.Text type="secondary">抄送：{c.body.cc}</Typography.Text>}
    </div>
  );
}

export default function CircularEditor() {
  const { id } = useParams();
  const q = useCircular(id);
  const update = useUpdateCircular(id ?? '');
  const issue = useIssueCircular(id ?? '');
  const del = useDeleteCircular();
  const nav = useNavigate();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [dirty, setDirty] = useState(false);
  const [stale, setStale] = useState(false);
  const c = q.data;
  const initial = useMemo(() => (c ? toValues(c) : null), [c]);
  useEffect(() => {
    if (initial) (form.setFieldsValue(initial), setDirty(false), setStale(false));
  }, [initial, form]);
  if (q.isPending) return <Spin />;
  if (q.error || !c) return <Alert type="error" showIcon title={errorMessage(q.error)} />;

  const onError = (e: unknown) => {
    if (isStaleVersion(e)) setStale(true);
    else void message.error(errorMessage(e));
  };
  const save = async () => {
    const v = await form.validateFields();
    update.mutate(
      {
        version: c.version,
        title: v.title.trim(),
        addressee: v.addressee.trim(),
        opening: splitParas(v.opening),
        sections: c.body.sections.map((s) => ({ key: s.key, paragraphs: splitParas(v.sections?.[s.key]) })),
        closing: splitParas(v.closing),
        cc: (v.cc ?? '').trim(),
      },
      { onSuccess: () => void message.success('已保存'), onError },
    );
  };
  const doIssue = () =>
    modal.confirm({
      title: '印发通报',
      content: `印发后按本地区本年度顺序编号并定稿，不能再修改；通报所列的 ${c.body.table.length} 个单位将收到通知。确定印发？`,
      okText: '印发',
      cancelText: '取消',
      onOk: () =>
        new Promise<void>((resolve) =>
          issue.mutate(c.version, {
            onSuccess: (x) => (void message.success(`已印发 ${x.number}`), resolve()),
            onError: (e) => (onError(e), resolve()),
          }),
        ),
    });
  const doDelete = () =>
    modal.confirm({
      title: '删除草稿',
      content: '删除后可以重新生成。确定删除这份通报草稿？',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => new Promise<void>((resolve) => del.mutate({ id: c.id, version: c.version }, { onSuccess: () => (resolve(), void nav('/supervision/circulars')), onError: (e) => (onError(e), resolve()) })),
    });

  const f = c.body.facts;
  const facts = (
    <Card size="small" title="统计口径" style={{ marginBottom: 16 }}>
      <Descriptions column={1} size="small" styles={{ label: { width: 96 } }}>
        <Descriptions.Item label="方案">{f.planTitle}</Descriptions.Item>
        <Descriptions.Item label="报送周期">{f.periodLabel}（{f.periodStart} 至 {f.periodEnd}）</Descriptions.Item>
        <Descriptions.Item label="截止日期">{f.due}</Descriptions.Item>
        <Descriptions.Item label="统计截至">{f.asOf}</Descriptions.Item>
        <Descriptions.Item label="应报送">{f.units} 个单位，{f.reports} 项</Descriptions.Item>
        <Descriptions.Item label="报送">按时 {f.onTime}，逾期 {f.late}，未报送 {f.missing}</Descriptions.Item>
        <Descriptions.Item label="审核">退回 {f.returned}，通过 {f.accepted}</Descriptions.Item>
        <Descriptions.Item label="任务">滞后 {f.behindTasks}，逾期 {f.overdueTasks}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary" style={{ margin: '12px 0 0', fontSize: 12 }}>
        按时、逾期以截止日期前后首次提交为准。单位分组和统计表由报送记录生成，不能修改；可以修改的是各部分的文字。
      </Typography.Paragraph>
    </Card>
  );

  return (
    <>
      <PageHeader
        title={
          <Space>
            {c.number ?? '通报草稿'}
            <CircularStateTag state={c.state} label={c.stateLabel} />
          </Space>
        }
        extra={
          <Space>
            <Button icon={<FileWordOutlined />} href={circularDocxUrl(c.id)} download>{c.state === 'draft' ? '预览 Word' : '下载 Word'}</Button>
            {c.can.delete && <Button danger icon={<DeleteOutlined />} onClick={doDelete}>删除草稿</Button>}
            {c.can.edit && <Button icon={<SaveOutlined />} loading={update.isPending} disabled={!dirty} onClick={() => void save()}>保存</Button>}
            {c.can.issue && (
              <Tooltip title={dirty ? '请先保存修改' : undefined}>
                <Button type="primary" icon={<SendOutlined />} disabled={dirty} loading={issue.isPending} onClick={doIssue}>印发</Button>
              </Tooltip>
            )}
          </Space>
        }
      />
      {stale && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="这份通报已被他人修改或已印发，您的修改未保存"
          description="请刷新查看最新内容后再修改（刷新会丢弃本页未保存的修改）。"
          action={<Button size="small" icon={<ReloadOutlined />} onClick={() => void q.refetch()}>刷新</Button>}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={16}>
          <Card style={{ marginBottom: 16 }} title={c.can.edit ? '正文（每行一段）' : `印发于 ${fmtTime(c.issuedAt)}（${c.issuerName ?? ''}）`}>
            {c.can.edit ? (
              <Form form={form} layout="vertical" onValuesChange={() => setDirty(true)}>
                <Form.Item name="title" label="标题" rules={[zodRule(UpdateCircularRequest.shape.title, { required: true })]}>
                  <Input aria-label="标题" maxLength={120} showCount />
                </Form.Item>
                <Form.Item name="addressee" label="主送单位" rules={[zodRule(UpdateCircularRequest.shape.addressee, { required: true })]}>
                  <Input aria-label="主送单位" maxLength={200} />
                </Form.Item>
                <Form.Item name="opening" label="开头">
                  <Input.TextArea aria-label="开头" autoSize={{ minRows: 2, maxRows: 8 }} />
                </Form.Item>
                {c.body.sections.map((s, i) => (
                  <Form.Item
                    key={s.key}
                    name={['sections', s.key]}
                    label={
                      <Space wrap>
                        <b>{NUMERAL[i]}、{s.heading}</b>
                        {s.units.map((u) => (
                          <Tooltip key={u.unitId} title={u.detail}>
                            <Tag color={GROUP_COLOR[s.key]}>{u.unitName}{s.key !== 'on_time' ? `（${u.count}项）` : ''}</Tag>
                          </Tooltip>
                        ))}
                        {s.key !== 'summary' && !s.units.length && <Typography.Text type="secondary">（本期无{CIRCULAR_SECTION_LABEL[s.key]}的单位）</Typography.Text>}
                      </Space>
                    }
                  >
                    <Input.TextArea aria-label={s.heading} autoSize={{ minRows: 2, maxRows: 10 }} placeholder="清空则此部分不印出" />
                  </Form.Item>
                ))}
                <Form.Item name="closing" label={<b>{NUMERAL[c.body.sections.length]}、{c.body.closingHeading}</b>}>
                  <Input.TextArea aria-label="工作要求" autoSize={{ minRows: 3, maxRows: 10 }} />
                </Form.Item>
                <Form.Item name="cc" label="抄送（印在版记中，可不填）" rules={[zodRule(UpdateCircularRequest.shape.cc)]}>
                  <Input aria-label="抄送" maxLength={300} placeholder="如：县委、县政府领导" />
                </Form.Item>
              </Form>
            ) : (
              <IssuedText c={c} />
            )}
          </Card>
          <Card title={`附件：${c.body.attachmentTitle}`}>
            <UnitTable rows={c.body.table} />
          </Card>
        </Col>
        <Col xs={24} xl={8}>{facts}</Col>
      </Row>
    </>
  );
}
