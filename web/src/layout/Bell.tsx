import { useState } from 'react';
import { useNavigate } from 'react-router';
import { Badge, Button, Empty, List, Popover, Spin, Tag, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import type { Notification } from '@shared/api/notifications.ts';
import { useMarkRead, useNotifications, useUnread } from '../api/notifications.ts';
import { fromNow } from '../lib/format.ts';

export const KIND_COLOR: Record<string, string> = { reminder: 'blue', warning: 'orange', escalation: 'red', supervision: 'volcano', extension: 'purple', chase: 'gold', report: 'green', circular: 'cyan', system: 'default' };

/** The title without its leading 【提醒】-style marker (the tag beside it says the same). */
export const plainTitle = (t: string) => t.replace(/^【[^】]{1,6}】/, '');

/** The bell in the header: the unread count, and the latest messages one click away. */
export function Bell() {
  const [open, setOpen] = useState(false);
  const unread = useUnread();
  const list = useNotifications({ page: 1, pageSize: 8 }, open);
  const mark = useMarkRead();
  const navigate = useNavigate();
  const count = unread.data?.unread ?? 0;
  const go = (n: Notification) => {
    if (!n.read) mark.mutate({ ids: [n.id] });
    setOpen(false);
    navigate(n.link ?? '/notifications');
  };
  const content = (
    <div style={{ width: 380 }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 4 }}>
        <Typography.Text strong>消息通知</Typography.Text>
        <Button size="small" type="link" disabled={!count} loading={mark.isPending} onClick={() => mark.mutate({ all: true })}>
          全部标为已读
        </Button>
      </div>
      {list.isPending ? (
        <div style={{ padding: 24, textAlign: 'center' }}>
          <Spin />
        </div>
      ) : !list.data?.items.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无消息" />
      ) : (
        <List
          size="small"
          dataSource={list.data.items}
          style={{ maxHeight: 420, overflowY: 'auto' }}
          renderItem={(n) => (
            <List.Item onClick={() => go(n)} style={{ cursor: 'pointer', background: n.read ? undefined : '#fff7e6', paddingInline: 8 }} aria-label={n.title}>
              <List.Item.Meta
                title={
                  <span style={{ fontWeight: n.read ? 400 : 600 }}>
                    <Tag color={KIND_COLOR[n.kind] ?? 'default'} style={{ marginInlineEnd: 6 }}>
                      {n.kindLabel}
                    </Tag>
                    {plainTitle(n.title)}
                  </span>
                }
                description={
                  <>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0, fontSize: 12, color: '#595959' }}>
                      {n.body}
                    </Typography.Paragraph>
                    <span style={{ fontSize: 12 }}>{fromNow(n.createdAt)}</span>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
      <div style={{ textAlign: 'center', borderTop: '1px solid #f0f0f0', paddingTop: 6 }}>
        <Button
          type="link"
          size="small"
          onClick={() => {
            setOpen(false);
            navigate('/notifications');
          }}
        >
          查看全部消息与通知设置
        </Button>
      </div>
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen} content={content} arrow={false}>
      <span className="fz-header-item" role="button" aria-label={count ? `消息通知（${count}条未读）` : '消息通知'}>
        <Badge count={count} size="small" overflowCount={99} offset={[2, -2]}>
          <BellOutlined style={{ fontSize: 17, color: '#fff' }} />
        </Badge>
      </span>
    </Popover>
  );
}
