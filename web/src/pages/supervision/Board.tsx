import { Link, Navigate } from 'react-router';
import { Alert, Card, Col, Empty, Row, Spin, Statistic, Table, Tabs, Typography } from 'antd';
import { useCurrentUser } from '../../api/auth.ts';
import { errorMessage } from '../../api/client.ts';
import { useBoard } from '../../api/supervision.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';
import { readsRegion } from '../../lib/perm.ts';
import { ExtensionStateTag, NoticeStateTag, TaskStatusTag } from './common.tsx';

/** 督办看板: what is late across the region, for the office and leaders. Liaisons go to their notices. */
export default function Board() {
  const me = useCurrentUser();
  const b = useBoard(readsRegion(me) ? me.currentRegionId : null);
  if (!readsRegion(me)) return <Navigate to="/supervision/notices" replace />;
  if (b.isPending) return <Spin />;
  if (b.error) return <Alert type="error" title={errorMessage(b.error)} />;
  const d = b.data;
  const stat = (title: string, value: number, danger = false) => (
    <Col xs={12} md={6} xl={3}>
      <Card size="small">
        <Statistic title={title} value={value} styles={{ content: { color: danger && value ? '#cf1322' : undefined } }} />
      </Card>
    </Col>
  );
  return (
    <>
      <PageHeader title="督办看板" extra={<Typography.Text type="secondary">截至 {d.today}</Typography.Text>} />
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {stat('逾期任务', d.counts.overdueTasks, true)}
        {stat('滞后任务', d.counts.behind, true)}
        {stat('逾期未报送', d.counts.overdueReports, true)}
        {stat('未办结督办单', d.counts.openNotices)}
        {stat('逾期未反馈', d.counts.overdueNotices, true)}
        {stat('待审批延期', d.counts.pendingExtensions)}
        {stat('未答复警示', d.counts.openWarnings)}
      </Row>
      <Card>
        <Tabs
          items={[
            {
              key: 'tasks',
              label: `滞后与逾期任务（${d.tasks.length}）`,
              children: (
                <Table
                  rowKey="taskId"
                  size="small"
                  dataSource={d.tasks}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  columns={[
                    { title: '编号', dataIndex: 'number', width: 90, render: (n: string, t) => <Link to={`/tasks/${t.taskId}`}>{n}</Link> },
                    { title: '任务', dataIndex: 'text', render: (s: string) => <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>{s}</Typography.Paragraph> },
                    { title: '牵头单位', key: 'u', width: 180, render: (_v, t) => t.leadUnits.map((u) => u.name).join('、') || '未分配' },
                    { title: '完成时限', dataIndex: 'due', width: 110, render: (s: string | null) => s ?? '—' },
                    { title: '状态', dataIndex: 'status', width: 80, render: (s: string) => <TaskStatusTag status={s} /> },
                    { title: '说明', dataIndex: 'reason', width: 260, render: (s: string) => <Typography.Text type="secondary">{s}</Typography.Text> },
                  ]}
                />
              ),
            },
            {
              key: 'reports',
              label: `逾期未报送（${d.reports.length}）`,
              children: (
                <Table
                  rowKey={(r) => `${r.planId}:${r.unitId}`}
                  size="small"
                  dataSource={d.reports}
                  pagination={false}
                  locale={{ emptyText: <Empty description="上期报送已全部提交" /> }}
                  columns={[
                    { title: '单位', dataIndex: 'unitName' },
                    { title: '周期', dataIndex: 'periodLabel', width: 160 },
                    { title: '截止日期', dataIndex: 'due', width: 120 },
                    { title: '未报送', dataIndex: 'missing', width: 90, align: 'right' },
                    { title: '被退回未重报', dataIndex: 'returned', width: 120, align: 'right' },
                  ]}
                />
              ),
            },
            {
              key: 'notices',
              label: `督办单（${d.notices.length}）`,
              children: (
                <Table
                  rowKey="id"
                  size="small"
                  dataSource={d.notices}
                  pagination={false}
                  locale={{ emptyText: <Empty description="没有未办结的督办单" /> }}
                  columns={[
                    { title: '编号', dataIndex: 'number', width: 180, render: (n: string, x) => <Link to={`/supervision/notices/${x.id}`}>{n}</Link> },
                    { title: '承办单位', dataIndex: 'unitName', width: 180 },
                    { title: '存在问题', dataIndex: 'problem', render: (s: string) => <Typography.Paragraph ellipsis={{ rows: 1 }} style={{ marginBottom: 0 }}>{s}</Typography.Paragraph> },
                    { title: '反馈期限', dataIndex: 'replyDue', width: 110 },
                    { title: '状态', key: 's', width: 180, render: (_v, x) => <NoticeStateTag state={x.state} label={x.stateLabel} overdue={x.overdue} /> },
                  ]}
                />
              ),
            },
            {
              key: 'extensions',
              label: `待审批延期（${d.extensions.length}）`,
              children: (
                <Table
                  rowKey="id"
                  size="small"
                  dataSource={d.extensions}
                  pagination={false}
                  locale={{ emptyText: <Empty description="没有待审批的延期申请" /> }}
                  columns={[
                    { title: '任务', dataIndex: 'taskNumber', width: 90, render: (n: string, x) => <Link to={`/tasks/${x.taskId}`}>{n}</Link> },
                    { title: '申请单位', dataIndex: 'unitName', width: 180 },
                    { title: '原时限', dataIndex: 'currentDue', width: 110 },
                    { title: '申请延至', dataIndex: 'requestedDue', width: 110 },
                    { title: '理由', dataIndex: 'reason' },
                    { title: '状态', key: 's', width: 90, render: (_v, x) => <ExtensionStateTag state={x.state} label={x.stateLabel} /> },
                  ]}
                />
              ),
            },
            {
              key: 'units',
              label: '按单位',
              children: (
                <Table
                  rowKey="unitId"
                  size="small"
                  dataSource={d.byUnit}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  columns={[
                    { title: '单位', dataIndex: 'unitName' },
                    { title: '逾期任务', dataIndex: 'overdueTasks', width: 100, align: 'right' },
                    { title: '滞后任务', dataIndex: 'behind', width: 100, align: 'right' },
                    { title: '逾期未报送', dataIndex: 'overdueReports', width: 110, align: 'right' },
                    { title: '未办结督办单', dataIndex: 'openNotices', width: 120, align: 'right' },
                    { title: '待审批延期', dataIndex: 'pendingExtensions', width: 110, align: 'right' },
                  ]}
                />
              ),
            },
            {
              key: 'chapters',
              label: '按章节',
              children: (
                <Table
                  rowKey={(c) => `${c.planId}:${c.chapter}`}
                  size="small"
                  dataSource={d.byChapter}
                  pagination={false}
                  columns={[
                    { title: '章节', dataIndex: 'chapter' },
                    { title: '任务数', dataIndex: 'total', width: 90, align: 'right' },
                    { title: '逾期', dataIndex: 'overdue', width: 90, align: 'right' },
                    { title: '滞后', dataIndex: 'behind', width: 90, align: 'right' },
                  ]}
                />
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
