import { useRef, useState } from 'react';
import { Button, Input, Space, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { UNIT_KIND_LABEL, UNIT_KINDS, type UnitKind } from '@shared/enums.ts';
import type { Unit } from '@shared/api/units.ts';

export const KIND_OPTIONS = UNIT_KINDS.map((k) => ({ value: k, label: UNIT_KIND_LABEL[k] }));
export const KIND_COLOR: Record<UnitKind, string> = {
  gov: 'blue',
  party: 'red',
  township: 'green',
  congress: 'purple',
  judicial: 'geekblue',
  other: 'default',
};

export function KindTag({ kind }: { kind: UnitKind }) {
  return <Tag color={KIND_COLOR[kind]}>{UNIT_KIND_LABEL[kind]}</Tag>;
}

export function UnitStatus({ unit }: { unit: Pick<Unit, 'active' | 'mergedIntoId'> }) {
  if (unit.mergedIntoId) return <Tag color="default">已合并</Tag>;
  return unit.active ? <Tag color="success">在用</Tag> : <Tag color="warning">已停用</Tag>;
}

/**
 * Aliases as tags, with an inline box to add one. `onAdd` resolves true when the alias was taken,
 * so the box clears; false keeps the text for correction.
 */
export function AliasTags({
  tags,
  onAdd,
  onRemove,
  disabled,
  validate,
}: {
  tags: { key: string; label: string }[];
  onAdd: (alias: string) => Promise<boolean> | boolean;
  onRemove: (key: string) => void;
  disabled?: boolean;
  validate?: (alias: string) => string | null;
}) {
  const [adding, setAdding] = useState(false);
  const [text, setText] = useState('');
  const [err, setErr] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const busyRef = useRef(false);
  const commit = async () => {
    if (busyRef.current) return;
    const v = text.trim();
    if (!v) {
      setAdding(false);
      setErr(null);
      return;
    }
    const problem = validate?.(v) ?? (tags.some((t) => t.label === v) ? '该别名已存在' : null);
    if (problem) return setErr(problem);
    setBusy(true);
    busyRef.current = true;
    try {
      if (await onAdd(v)) {
        setText('');
        setAdding(false);
        setErr(null);
      }
    } finally {
      busyRef.current = false;
      setBusy(false);
    }
  };
  return (
    <div>
      <Space size={[4, 8]} wrap>
        {tags.map((t) => (
          <Tag
            key={t.key}
            closable={!disabled}
            onClose={(e) => {
              e.preventDefault();
              onRemove(t.key);
            }}
            closeIcon={<span aria-label={`删除别名 ${t.label}`}>×</span>}
            style={{ marginInlineEnd: 0, fontSize: 13, padding: '2px 8px' }}
          >
            <span>{t.label}</span>
          </Tag>
        ))}
        {!disabled &&
          (adding ? (
            <Input
              size="small"
              autoFocus
              style={{ width: 180 }}
              value={text}
              disabled={busy}
              aria-label="新别名"
              placeholder="输入别名后回车"
              onChange={(e) => {
                setText(e.target.value);
                setErr(null);
              }}
              onPressEnter={(e) => {
                e.preventDefault();
                void commit();
              }}
              onBlur={() => void commit()}
              status={err ? 'error' : undefined}
            />
          ) : (
            <Button size="small" type="dashed" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              添加别名
            </Button>
          ))}
        {tags.length === 0 && disabled && <span style={{ color: '#8c8c8c' }}>无</span>}
      </Space>
      {err && <div style={{ color: '#ff4d4f', marginTop: 4 }}>{err}</div>}
    </div>
  );
}
