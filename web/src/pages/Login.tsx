import { useEffect, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { LoginRequest } from '@shared/api/auth.ts';
import { useLogin, useMe } from '../api/auth.ts';
import { errorMessage } from '../api/client.ts';
import { zodRule } from '../lib/forms.ts';
import { safeNext } from '../lib/next.ts';

export default function Login() {
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const { data: me } = useMe();
  const login = useLogin();
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = '登录 - 法治政府建设管理平台';
    return () => {
      document.title = '法治政府建设管理平台';
    };
  }, []);

  if (me && !login.isPending && !login.isSuccess) return <Navigate to={me.mustChangePassword ? '/change-password' : next} replace />;

  const onFinish = (values: { username: string; password: string }) => {
    setError(null);
    login.mutate(values, {
      onSuccess: (m) => navigate(m.mustChangePassword ? `/change-password?next=${encodeURIComponent(next)}` : next, { replace: true }),
      onError: (e) => setError(errorMessage(e)),
    });
  };

  return (
    <div className="fz-login">
      <div className="fz-login-banner">
        <span className="fz-emblem" style={{ width: 56, height: 56, fontSize: 28 }}>
          法
        </span>
        <h1>法治政府建设管理平台</h1>
        <p>实施方案 · 任务分解 · 进展报送 · 督办督察 · 考核评估</p>
      </div>
      <Card className="fz-login-card" title="用户登录" styles={{ header: { textAlign: 'center', fontSize: 16 } }}>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        {params.get('next') && !error && (
          <Alert type="info" showIcon title="请先登录，登录后将返回刚才的页面" style={{ marginBottom: 16 }} />
        )}
        <Form layout="vertical" size="large" onFinish={onFinish} requiredMark={false} disabled={login.isPending}>
          <Form.Item name="username" label="用户名" rules={[zodRule(LoginRequest.shape.username, { required: true })]}>
            <Input prefix={<UserOutlined />} placeholder="请输入用户名" autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[zodRule(LoginRequest.shape.password, { required: true })]}>
            <Input.Password prefix={<LockOutlined />} placeholder="请输入密码" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登 录
          </Button>
        </Form>
        <div style={{ marginTop: 16, color: '#8c8c8c', fontSize: 12, textAlign: 'center' }}>忘记密码请联系本县依法治县办或系统管理员重置</div>
      </Card>
      <div className="fz-footer">依法治县委员会办公室 · 法治政府建设管理平台 v{__APP_VERSION__}</div>
    </div>
  );
}
