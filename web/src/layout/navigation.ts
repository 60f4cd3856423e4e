import { AuditOutlined, BankOutlined, HomeOutlined, ShopOutlined, TeamOutlined } from '@ant-design/icons';
import { type ComponentType, lazy, type LazyExoticComponent } from 'react';
import type { MessageKey } from '../i18n.ts';
import { OPERATOR_ROLE, type Platform, type Role } from '../shared-domain.ts';

/** Who sees a menu item: everyone signed in, or holders of the listed roles on each platform. */
export type NavAccess = 'everyone' | Readonly<Partial<Record<Platform, readonly Role[]>>>;

export interface NavItem {
  /** Also the menu item's test id: `nav-<key>`. */
  readonly key: string;
  readonly path: string;
  readonly label: MessageKey;
  readonly icon: ComponentType;
  readonly access: NavAccess;
  readonly page: LazyExoticComponent<ComponentType>;
}

/** Each platform's operator administers that platform's organisations, users and audit log. */
const OPERATORS: NavAccess = {
  trading: [OPERATOR_ROLE.trading],
  hub: [OPERATOR_ROLE.hub],
  supervision: [OPERATOR_ROLE.supervision],
};
const TRADING_PARTIES: NavAccess = { trading: ['tenderer', 'agency', 'bidder', 'expert'] };

/** The menu, in order. A new page is one line here. */
// prettier-ignore
export const NAV_ITEMS: readonly NavItem[] = [
  { key: 'home', path: '/', label: 'nav.home', icon: HomeOutlined, access: 'everyone', page: lazy(() => import('../pages/HomePage.tsx')) },
  { key: 'my-organisation', path: '/my-organisation', label: 'nav.my-organisation', icon: ShopOutlined, access: TRADING_PARTIES, page: lazy(() => import('../pages/MyOrganisationPage.tsx')) },
  { key: 'organisations', path: '/organisations', label: 'nav.organisations', icon: BankOutlined, access: OPERATORS, page: lazy(() => import('../pages/OrganisationsPage.tsx')) },
  { key: 'users', path: '/users', label: 'nav.users', icon: TeamOutlined, access: OPERATORS, page: lazy(() => import('../pages/UsersPage.tsx')) },
  { key: 'audit', path: '/audit', label: 'nav.audit', icon: AuditOutlined, access: OPERATORS, page: lazy(() => import('../pages/AuditLogPage.tsx')) },
];

export function canAccess(access: NavAccess, platform: Platform, roles: readonly Role[]): boolean {
  if (access === 'everyone') return true;
  return (access[platform] ?? []).some((role) => roles.includes(role));
}

export function visibleNavItems(platform: Platform, roles: readonly Role[]): readonly NavItem[] {
  return NAV_ITEMS.filter((item) => canAccess(item.access, platform, roles));
}
