/** 我的导出: the list exports this person started, their progress, and the files to download. */
import { Button, Card, Empty, Progress, Table, Tag } from 'antd';
import type { ExportJob } from '@shared/api/dashboard.ts';
import { exportDownloadUrl, useExportJobs } from '../../api/dashboard.ts';
import { PageHeader } from '../../layout/PageHeader.tsx';

const STATUS = { queued: { text: '排队中', color: 'default' }, running: { text: '导出中', color: 'processing' }, done: { text: '已完成', color: 'success' }, failed: { text: '失败', color: 'error' } } as const;

export default function Exports() {
  const jobs = useExportJobs();
  return (
    <>
      <PageHeader title="我的导出" />
      <Card size="small">
        <Table<ExportJob>
          rowKey="id"
          size="small"
          loading={jobs.isPending}
          dataSource={jobs.data ?? []}
          locale={{ emptyText: <Empty description="还没有导出记录：在列表页点击「导出 Excel」" /> }}
          pagination={false}
          columns={[
            { title: '内容', dataIndex: 'kindLabel', width: 120 },
            { title: '文件', dataIndex: 'fileName' },
            { title: '时间', dataIndex: 'createdAt', width: 170, render: (t: string) => new Date(t).toLocaleString('zh-CN', { hour12: false }) },
            { title: '状态', dataIndex: 'status', width: 90, render: (s: ExportJob['status']) => <Tag color={STATUS[s].color}>{STATUS[s].text}</Tag> },
            { title: '进度', dataIndex: 'progress', width: 200, render: (p: number, j) => <Progress percent={p} size="small" status={j.status === 'failed' ? 'exception' : undefined} format={() => `${j.doneRows}${j.totalRows !== null ? `/${j.totalRows}` : ''} 行`} /> },
            { title: '', key: 'dl', width: 90, render: (_: unknown, j) => (j.status === 'done' ? <Button size="small" href={exportDownloadUrl(j.id)}>下载</Button> : j.error) },
          ]}
        />
      </Card>
    </>
  );
}
