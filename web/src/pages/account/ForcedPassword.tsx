import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Alert, Button, Card } from 'antd';
import { useCurrentUser, useLogout } from '../../api/auth.ts';
import { safeNext } from '../../lib/next.ts';
import { PasswordForm } from './PasswordForm.tsx';

/** Before anything else: an account with a temporary password must set its own. */
export default function ForcedPassword() {
  const me = useCurrentUser();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const logout = useLogout();
  const next = safeNext(params.get('next'));
  if (!me.mustChangePassword) return <Navigate to={next} replace />;
  return (
    <div className="fz-login">
      <div className="fz-login-banner">
        <h1>法治政府建设管理平台</h1>
        <p>首次登录请修改密码</p>
      </div>
      <Card
        className="fz-login-card"
        style={{ width: 480 }}
        title={`${me.displayName}，请设置新密码`}
        extra={
          <Button type="link" onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login', { replace: true }) })}>
            退出登录
          </Button>
        }
      >
        <Alert type="warning" showIcon title="您正在使用临时密码。为保障账号安全，请先设置新密码再使用系统。" style={{ marginBottom: 16 }} />
        <PasswordForm maxWidth="100%" onDone={() => navigate(next, { replace: true })} />
      </Card>
    </div>
  );
}
