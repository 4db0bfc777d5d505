/**
 * 「导出 Excel」 for any list: starts a background export of what is on screen (the list's kind and
 * its filters), shows its progress and offers the file when it is ready.
 */
import { useState } from 'react';
import { Button, Modal, Progress, Typography } from 'antd';
import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import type { StartExportRequest } from '@shared/api/dashboard.ts';
import { errorMessage } from '../../api/client.ts';
import { exportDownloadUrl, useExportJob, useStartExport } from '../../api/dashboard.ts';

export function ExportButton({ request, label = '导出 Excel' }: { request: StartExportRequest; label?: string }) {
  const start = useStartExport();
  const [jobId, setJobId] = useState<string | null>(null);
  const job = useExportJob(jobId);
  const j = job.data;
  return (
    <>
      <Button icon={<FileExcelOutlined />} loading={start.isPending} onClick={() => start.mutate(request, { onSuccess: (x) => setJobId(x.id) })}>
        {label}
      </Button>
      <Modal open={!!jobId || !!start.error} title="导出 Excel" footer={null} onCancel={() => (setJobId(null), start.reset())} destroyOnHidden>
        {start.error && <Typography.Text type="danger">{errorMessage(start.error)}</Typography.Text>}
        {j && (
          <div aria-label="导出进度">
            <Typography.Paragraph>
              {j.kindLabel}：{j.status === 'done' ? `共 ${j.doneRows} 行，已生成` : j.status === 'failed' ? '导出失败' : `正在导出 ${j.doneRows}${j.totalRows !== null ? ` / ${j.totalRows}` : ''} 行…`}
            </Typography.Paragraph>
            <Progress percent={j.progress} status={j.status === 'failed' ? 'exception' : j.status === 'done' ? 'success' : 'active'} />
            {j.status === 'failed' && <Typography.Text type="danger">{j.error}</Typography.Text>}
            {j.status === 'done' && (
              <Button type="primary" icon={<DownloadOutlined />} href={exportDownloadUrl(j.id)} style={{ marginTop: 12 }}>
                下载 {j.fileName}
              </Button>
            )}
          </div>
        )}
      </Modal>
    </>
  );
}
