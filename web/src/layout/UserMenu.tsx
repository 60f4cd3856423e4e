import { DownOutlined, LogoutOutlined, SwapOutlined, UserOutlined } from '@ant-design/icons';
import { Avatar, Dropdown, type MenuProps, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { RoleTags } from '../components/RoleTags.tsx';
import { useT } from '../i18n.ts';
import { useSession, useSignedIn } from '../session.tsx';

/** The signed-in user: name, roles and organisation, switching platform and signing out. */
export function UserMenu() {
  const t = useT();
  const navigate = useNavigate();
  const { logout, leave } = useSession();
  const { user } = useSignedIn();

  const items: MenuProps['items'] = [
    {
      key: 'switch',
      icon: <SwapOutlined />,
      label: <span data-testid="switch-platform">{t('user.switchPlatform')}</span>,
      onClick: () => {
        leave();
        navigate('/login');
      },
    },
    {
      key: 'logout',
      icon: <LogoutOutlined />,
      danger: true,
      label: <span data-testid="logout">{t('user.logout')}</span>,
      onClick: () => {
        void logout().then(() => navigate('/login'));
      },
    },
  ];

  return (
    <Dropdown
      menu={{ items }}
      trigger={['click']}
      placement="bottomRight"
      popupRender={(menu) => (
        <div className="zc-user-dropdown">
          <div className="zc-user-card" data-testid="user-card">
            <div className="zc-user-card-name">
              {user.displayName} <Typography.Text type="secondary">({user.username})</Typography.Text>
            </div>
            <div className="zc-user-card-org">{user.organisation?.name ?? t('user.noOrganisation')}</div>
            <RoleTags roles={user.roles} />
          </div>
          {menu}
        </div>
      )}
    >
      <button type="button" className="zc-user-button" data-testid="user-menu">
        <Space size={8}>
          <Avatar size={28} icon={<UserOutlined />} className="zc-user-avatar" />
          <span className="zc-user-name">{user.displayName}</span>
          <DownOutlined className="zc-user-caret" />
        </Space>
      </button>
    </Dropdown>
  );
}
