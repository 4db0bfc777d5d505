import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Checkbox, Descriptions, Empty, Result, Space, Spin, Table, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import type { TaskPage } from '@shared/api/plans.ts';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { useTaskPage } from '../../api/reports.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { canReview } from '../../lib/perm.ts';
import { targetText } from '../plans/common.tsx';
import { completionText, editorHref, EvidenceLink, StateTag, TASK_STATUS_COLOR } from '../reports/common.tsx';
import { TaskSupervision } from '../supervision/TaskSupervision.tsx';

type Row = TaskPage['periods'][number]['reports'][number] & { periodId: string; periodLabel: string; due: string; first: boolean; span: number };

export default function TaskDetail() {
  const { id } = useParams();
  const me = useCurrentUser();
  const page = useTaskPage(id);
  const [onlyReported, setOnlyReported] = useState(true);
  if (page.isPending) return <div style={{ padding: 48, textAlign: 'center' }}><Spin /></div>;
  if (page.error) return <Card><Result status="warning" title="无法打开该任务" subTitle={errorMessage(page.error)} extra={<Link to="/reports">返回我的任务</Link>} /></Card>;
  const { plan, trail, task, periods, statusHistory } = page.data;
  const myUnit = me.unit?.id;
  const office = canReview(me);

  const rows: Row[] = [];
  for (const p of periods) {
    const reps = onlyReported ? p.reports.filter((r) => r.state !== 'none') : p.reports;
    reps.forEach((r, i) => rows.push({ ...r, periodId: p.id, periodLabel: p.label, due: p.due, first: i === 0, span: i === 0 ? reps.length : 0 }));
  }
  const leads = task.assignments.filter((a) => a.role === 'lead');
  const cos = task.assignments.filter((a) => a.role === 'co');
  const leaders = task.owners.filter((o) => o.role === 'leader').map((o) => o.printed);

  return (
    <>
      <PageHeader
        title={<>任务 {task.path.join('.')}</>}
        extra={<Link to={`/plans/${plan.id}`}><Button>查看方案</Button></Link>}
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <div className="fz-trail" aria-label="所在章节">
          <Link to={`/plans/${plan.id}`} className="fz-verbatim">{plan.title}</Link>
          {trail.map((t, i) => (
            <span key={i}> <span style={{ color: '#bfbfbf' }}>/</span> {t.number}{/^[（(]/.test(t.number) ? '' : '、'}{t.title}</span>
          ))}
        </div>
        <Descriptions column={2} size="small" bordered styles={{ label: { width: 100, whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label="任务内容" span={2}><span className="fz-verbatim" style={{ fontSize: 15 }}>{task.text}</span></Descriptions.Item>
          <Descriptions.Item label="任务状态" span={2}>
            <Space>
              <Tag color={TASK_STATUS_COLOR[task.status]} style={{ fontSize: 13 }}>{task.status}</Tag>
              <span style={{ color: '#595959' }}>{task.statusReason}</span>
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label="牵头单位">{leads.length ? leads.map((a) => <Tag key={a.id} color="blue">{a.unitName}</Tag>) : <Tag color="error">未分配</Tag>}</Descriptions.Item>
          <Descriptions.Item label="责任单位">{cos.length ? cos.map((a) => <Tag key={a.id}>{a.unitName}</Tag>) : '—'}</Descriptions.Item>
          {leaders.length > 0 && <Descriptions.Item label="牵头领导" span={2}>{leaders.join('、')}</Descriptions.Item>}
          <Descriptions.Item label="完成时限">
            {task.deadlines.length ? task.deadlines.map((d, i) => <div key={i}>{d.meaning} <span className="fz-sub" style={{ display: 'inline' }}>（原文：{d.raw}）</span></div>) : '未明确时限'}
            {task.extendedDue && <div><Tag color="orange">已批准延期至 {task.extendedDue}</Tag></div>}
          </Descriptions.Item>
          <Descriptions.Item label="指标">{task.targets.length ? task.targets.map((x, i) => <div key={i}>{targetText(x)}</div>) : '—'}</Descriptions.Item>
        </Descriptions>
        {statusHistory.length > 0 && (
          <div style={{ marginTop: 8, color: '#595959' }}>
            已通过的报送：{statusHistory.map((s, i) => <Tag key={i} color="green">{s.periodLabel} {completionText(s.completion, s.percent)}</Tag>)}
          </div>
        )}
      </Card>
      <TaskSupervision task={task} />
      <Card
        size="small"
        title="各期报送情况"
        extra={<Checkbox checked={onlyReported} onChange={(e) => setOnlyReported(e.target.checked)}>仅显示已填报</Checkbox>}
      >
        <Table<Row>
          rowKey={(r) => `${r.periodId}:${r.unitId}`}
          size="small"
          bordered
          dataSource={rows}
          pagination={{ pageSize: 30, hideOnSinglePage: true }}
          locale={{ emptyText: <Empty description={onlyReported ? '尚无单位填报，可取消「仅显示已填报」查看全部' : '暂无报送周期'} /> }}
          columns={[
            {
              title: '周期',
              dataIndex: 'periodLabel',
              width: 130,
              onCell: (r) => ({ rowSpan: r.span }),
              render: (l: string, r) => <><b>{l}</b><span className="fz-sub">截止 {r.due}</span></>,
            },
            { title: '单位', dataIndex: 'unitName', width: 190, render: (n: string, r) => <>{n} <Tag color={r.role === 'lead' ? 'blue' : 'default'} style={{ marginLeft: 4 }}>{r.role === 'lead' ? '牵头' : '配合'}</Tag></> },
            {
              title: '状态',
              dataIndex: 'state',
              width: 150,
              render: (s: string, r) => (
                <>
                  <StateTag state={s} label={r.stateLabel} />
                  {r.returnReason && s === 'returned' && <div className="fz-return-reason">退回原因：{r.returnReason}</div>}
                </>
              ),
            },
            { title: '完成情况', key: 'c', width: 150, render: (_v, r) => completionText(r.completion, r.percent) },
            {
              title: '进展情况（摘要）',
              dataIndex: 'narrative',
              render: (n: string | null) => (n ? <Typography.Paragraph ellipsis={{ rows: 3, expandable: 'collapsible', symbol: (ex) => (ex ? '收起' : '展开') }} style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{n}</Typography.Paragraph> : <span style={{ color: '#bfbfbf' }}>—</span>),
            },
            { title: '佐证材料', key: 'ev', width: 220, render: (_v, r) => (r.evidence.length ? r.evidence.map((e) => <div key={e.uploadId}><EvidenceLink e={e} /></div>) : <span style={{ color: '#bfbfbf' }}>—</span>) },
            {
              title: '操作',
              key: 'op',
              width: 80,
              render: (_v, r) =>
                r.unitId === myUnit || office ? (
                  <Link to={editorHref({ taskId: task.id, periodId: r.periodId }, office ? r.unitId : undefined)}>
                    <Button size="small" type="link" icon={<EditOutlined />}>{r.unitId === myUnit && !office ? '填报' : '打开'}</Button>
                  </Link>
                ) : null,
            },
          ]}
        />
        {!rows.length && !onlyReported && <Alert type="info" title="该任务尚无报送周期" />}
      </Card>
    </>
  );
}
