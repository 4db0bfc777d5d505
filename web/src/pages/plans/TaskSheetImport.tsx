/**
 * 导入任务分解表: upload the edited sheet, read the changes as a diff and the problems by row, and
 * confirm — nothing changes before the confirmation, and then everything at once.
 */
import { useState } from 'react';
import { Alert, App, Button, Modal, Space, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import type { TaskSheetChange, TaskSheetPreview, TaskSheetProblem } from '@shared/api/task-sheet.ts';
import { errorMessage } from '../../api/client.ts';
import { useApplyTaskSheet, useCancelTaskSheet, usePreviewTaskSheet } from '../../api/dashboard.ts';

type Row = { key: string; row: number; number: string; label: string; before: string; after: string; first: boolean; span: number };

function diffRows(changes: TaskSheetChange[]): Row[] {
  return changes.flatMap((c) => c.fields.map((f, i) => ({ key: `${c.taskId}${f.field}`, row: c.row, number: c.number, label: f.label, before: f.before, after: f.after, first: i === 0, span: i === 0 ? c.fields.length : 0 })));
}

function Problems({ items, type }: { items: TaskSheetProblem[]; type: 'error' | 'warning' }) {
  if (!items.length) return null;
  return (
    <Alert
      type={type}
      showIcon
      style={{ marginBottom: 12 }}
      title={type === 'error' ? `表格中有 ${items.length} 处问题，改正后重新上传（本次不会修改任何数据）` : '提示'}
      description={
        <ul aria-label={type === 'error' ? '问题' : '提示'} style={{ margin: 0, paddingLeft: 18 }}>
          {items.map((e, i) => (
            <li key={i}>{e.message}</li>
          ))}
        </ul>
      }
    />
  );
}

export function TaskSheetImport({ planId, open, onClose }: { planId: string; open: boolean; onClose: () => void }) {
  const { message } = App.useApp();
  const preview = usePreviewTaskSheet(planId);
  const apply = useApplyTaskSheet(planId);
  const cancel = useCancelTaskSheet(planId);
  const [result, setResult] = useState<TaskSheetPreview | null>(null);
  const close = () => {
    if (result?.importId && !apply.isSuccess) cancel.mutate(result.importId);
    setResult(null);
    preview.reset();
    apply.reset();
    onClose();
  };
  const confirm = async () => {
    if (!result?.importId) return;
    try {
      const r = await apply.mutateAsync(result.importId);
      message.success(`已导入：修改 ${r.tasks} 项任务的 ${r.fields} 处内容`);
      setResult(null);
      onClose();
    } catch (e) {
      message.error(errorMessage(e));
    }
  };
  return (
    <Modal
      open={open}
      width={1000}
      title="导入任务分解表"
      onCancel={close}
      footer={
        <Space>
          <Button onClick={close}>{result?.importId ? '放弃' : '关闭'}</Button>
          <Button type="primary" disabled={!result?.importId} loading={apply.isPending} onClick={confirm}>
            确认导入{result?.changes.length ? `（${result.changes.length} 项任务）` : ''}
          </Button>
        </Space>
      }
    >
      <Upload.Dragger
        accept=".xlsx"
        showUploadList={false}
        beforeUpload={(file) => {
          if (result?.importId) cancel.mutate(result.importId);
          setResult(null);
          preview.mutate(file, { onSuccess: setResult });
          return false;
        }}
      >
        <p className="ant-upload-drag-icon"><InboxOutlined /></p>
        <p>点击或拖入编辑后的任务分解表（.xlsx）</p>
        <p style={{ color: '#8c8c8c' }}>可修改任务内容、牵头单位、责任单位、牵头领导和完成时限；列的顺序可以调整，表头和隐藏的编号列请勿修改。</p>
      </Upload.Dragger>
      <div style={{ marginTop: 12 }}>
        {preview.isPending && <Typography.Text>正在读取表格…</Typography.Text>}
        {preview.error && <Alert type="error" showIcon title={errorMessage(preview.error)} />}
        {result && (
          <>
            <Typography.Paragraph>
              「{result.fileName}」共 {result.rows} 行：<Tag color="blue">{result.changes.length} 项任务有修改</Tag>
              <Tag>{result.unchanged} 项未变</Tag>
              {result.errors.length > 0 && <Tag color="red">{result.errors.length} 处问题</Tag>}
            </Typography.Paragraph>
            <Problems items={result.errors} type="error" />
            <Problems items={result.warnings} type="warning" />
            {result.changes.length > 0 && (
              <Table<Row>
                size="small"
                aria-label="修改内容"
                pagination={false}
                scroll={{ y: 420 }}
                dataSource={diffRows(result.changes)}
                columns={[
                  { title: '行', dataIndex: 'row', width: 56, onCell: (r) => ({ rowSpan: r.span }) },
                  { title: '编号', dataIndex: 'number', width: 110, onCell: (r) => ({ rowSpan: r.span }) },
                  { title: '内容', dataIndex: 'label', width: 90 },
                  { title: '原来', dataIndex: 'before', render: (v: string) => <Typography.Text delete type="secondary" className="fz-verbatim">{v || '（空）'}</Typography.Text> },
                  { title: '改为', dataIndex: 'after', render: (v: string) => <Typography.Text strong className="fz-verbatim">{v || '（空）'}</Typography.Text> },
                ]}
              />
            )}
            {!result.errors.length && !result.changes.length && <Alert type="info" showIcon title="表格与平台中的任务一致，没有需要导入的修改。" />}
          </>
        )}
      </div>
    </Modal>
  );
}
