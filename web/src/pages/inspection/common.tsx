import { Image, Space, Tag } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import type { ProblemState } from '@shared/api/inspections.ts';
import type { Evidence } from '@shared/api/reports.ts';
import { inspectionFileUrl } from '../../api/inspections.ts';

const PROBLEM_COLOR: Record<ProblemState, string> = { draft: 'default', open: 'orange', submitted: 'blue', closed: 'green' };
export const ProblemStateTag = ({ state, label, overdue, escalated, returned }: { state: ProblemState; label: string; overdue?: boolean; escalated?: boolean; returned?: boolean }) => (
  <>
    <Tag color={PROBLEM_COLOR[state]}>{label}</Tag>
    {returned && state === 'open' && <Tag color="magenta">整改被退回</Tag>}
    {overdue && <Tag color="red">逾期未整改</Tag>}
    {escalated && state !== 'closed' && <Tag color="volcano">已升级</Tag>}
  </>
);

export const VisitStateTag = ({ state, label }: { state: string; label: string }) => <Tag color={state === 'recorded' ? 'green' : 'blue'}>{label}</Tag>;

/** Photos as thumbnails (click to enlarge), other files as links. */
export function FileList({ files, empty = '无' }: { files: Evidence[]; empty?: string }) {
  if (!files.length) return <span style={{ color: '#bfbfbf' }}>{empty}</span>;
  const images = files.filter((f) => f.kind === 'image');
  const others = files.filter((f) => f.kind !== 'image');
  return (
    <div>
      {images.length > 0 && (
        <Image.PreviewGroup>
          <Space wrap size={8} style={{ marginBottom: others.length ? 6 : 0 }}>
            {images.map((f) => (
              <div key={f.uploadId} style={{ textAlign: 'center' }}>
                <Image width={96} height={72} style={{ objectFit: 'cover', borderRadius: 4, border: '1px solid #f0f0f0' }} src={inspectionFileUrl(f.uploadId)} alt={f.fileName} />
                <div style={{ fontSize: 12, color: '#8c8c8c', maxWidth: 96, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={f.fileName}>{f.fileName}</div>
              </div>
            ))}
          </Space>
        </Image.PreviewGroup>
      )}
      {others.map((f) => (
        <div key={f.uploadId}>
          <PaperClipOutlined /> <a href={inspectionFileUrl(f.uploadId, f.kind !== 'pdf')} target={f.kind === 'pdf' ? '_blank' : undefined} rel="noreferrer">{f.fileName}</a>
        </div>
      ))}
    </div>
  );
}
