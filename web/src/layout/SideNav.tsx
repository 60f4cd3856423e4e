import { Menu } from 'antd';
import { createElement } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useT } from '../i18n.ts';
import type { NavItem } from './navigation.ts';

/** The left menu: only the pages the user's roles open on this platform. */
export function SideNav({ items }: { readonly items: readonly NavItem[] }) {
  const t = useT();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const selected =
    items.find((item) => item.path !== '/' && pathname.startsWith(item.path)) ??
    items.find((item) => item.path === pathname);

  return (
    <Menu
      data-testid="nav"
      mode="inline"
      className="zc-side-nav"
      selectedKeys={selected ? [selected.key] : []}
      onClick={({ key }) => {
        const item = items.find((candidate) => candidate.key === key);
        if (item) navigate(item.path);
      }}
      items={items.map((item) => ({
        key: item.key,
        icon: createElement(item.icon),
        label: <span data-testid={`nav-${item.key}`}>{t(item.label)}</span>,
      }))}
    />
  );
}
